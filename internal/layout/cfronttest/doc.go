// Package cfronttest holds the strong layout test: real headers go through
// the C front end and the layout engine, and every record, member, typedef
// and enum is compared with gcc. It is a separate package so that the
// layout package's own tests do not depend on the front end.
package cfronttest
