/*! External checkers that relecture can run as a second opinion, never required. They
are the only part of the library that starts other programs. */

pub mod grammalecte;
