<?php
// Prints standard input as WordPress stores it in post_content when a
// contributor saves it: the 'content_save_pre' filters that kses_init_filters()
// installs for a user without unfiltered_html (wp_filter_post_kses, i.e.
// wp_kses() with the 'post' allowed tags and protocols), applied with
// WordPress's own hook machinery and the slashing the REST API does, all from
// the installed wordpress package (the one the test portal serves). Nothing
// of WordPress is reimplemented here but the capability check.
// Usage: php wp-kses-post.php WORDPRESS_DIR < post.html
define( 'ABSPATH', rtrim( $argv[1], '/' ) . '/' );
define( 'WPINC', 'wp-includes' );
require ABSPATH . WPINC . '/plugin.php';
require ABSPATH . WPINC . '/functions.php';
require ABSPATH . WPINC . '/formatting.php';
// The user is a contributor: no unfiltered_html (nor any other capability
// these filters ask about).
function current_user_can( $capability, ...$args ) { return false; }
require ABSPATH . WPINC . '/kses.php';
kses_init_filters();
$in = stream_get_contents( STDIN );
echo wp_unslash( apply_filters( 'content_save_pre', wp_slash( $in ) ) );
