/* src/core must not depend on GTK: this header sits first on the core's include path. */
#error "src/core is GTK-free: move widget code to src/ui"
