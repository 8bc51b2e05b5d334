<?php
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
