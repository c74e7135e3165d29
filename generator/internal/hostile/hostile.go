// Package hostile builds a content tree written to break the site, every
// text an attack, and checks that nothing in any published file can run
// script, leave a link to another scheme or start a spreadsheet formula.
// It holds only tests and their content (testdata/hostile.txtar).
package hostile
