# Option parsing shared by the scripts in this folder (sourced, not run).
#
#   need_value PROG "$@"   # in a `case "$1"` branch of an option that takes a value
#
# exits 2 with one line on stderr when the option ($1 of "$@") has no value after it: the end of
# the command line, an empty word, or the next option.
need_value() {
  local prog="$1"; shift
  if [ $# -lt 2 ] || [ -z "$2" ] || [[ "$2" == -* && ! "$2" =~ ^-[0-9] ]]; then
    echo "$prog: $1 needs a value" >&2
    exit 2
  fi
}
