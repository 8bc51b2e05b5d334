<?php
// Prints, one per line, the slug WordPress's own sanitize_title() (from the
// installed wordpress package's wp-includes/formatting.php) gives each line
// of standard input, in the "save" context posts use. Only the few functions
// formatting.php needs from the rest of WordPress are provided here, with
// WordPress's default behaviour: the 'sanitize_title' filter runs
// sanitize_title_with_dashes (default-filters.php), the locale is en_US.
// Usage: php wp-sanitize-title.php WORDPRESS_DIR < titles.txt
function apply_filters( $hook, $value, ...$args ) {
	if ( 'sanitize_title' === $hook ) {
		return sanitize_title_with_dashes( $value, $args[0] ?? '', $args[1] ?? 'display' );
	}
	return $value;
}
function get_locale() { return 'en_US'; }
function mbstring_binary_safe_encoding( $reset = false ) {}
function reset_mbstring_encoding() {}
require $argv[1] . '/wp-includes/formatting.php';
while ( ( $line = fgets( STDIN ) ) !== false ) {
	echo sanitize_title( rtrim( $line, "\n" ) ), "\n";
}
