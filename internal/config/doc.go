// Package config owns ferry.toml: reading it, rejecting unknown keys with
// the line they are on, and the tables every command shares ([bind]) plus
// the safe layer's rules ([safe]). Other commands that keep their own table
// (export's [export]) decode it through File.DecodeTable, which applies the
// same unknown-key check, so one file serves every command.
//
// The file format is documented field by field in docs/ferry-toml.md.
package config
