# The JVM options of a FloeDB home, in one place for every script that starts FloeDB (the source
# tree's floe script and a distribution's bin/floe): sourced, then
#   floe_jvm_options <home> <java>
# appends to the array floe_jvm_opts the lines of <home>/conf/jvm.options (one option a line; blank
# lines and lines starting with # are skipped), and the flags that depend on the Java that runs.
floe_jvm_options() {
  local file="$1/conf/jvm.options" line
  if [ -f "$file" ]; then
    while IFS= read -r line || [ -n "$line" ]; do
      line="${line#"${line%%[![:space:]]*}"}"
      line="${line%"${line##*[![:space:]]}"}"
      case "$line" in ""|"#"*) continue ;; esac
      floe_jvm_opts+=("$line")
    done < "$file"
  fi
  # Native access is granted for LMDB on JDKs that ask for it; older JDKs do not know the flag.
  if "$2" --enable-native-access=ALL-UNNAMED -version >/dev/null 2>&1; then
    floe_jvm_opts+=(--enable-native-access=ALL-UNNAMED)
  fi
}
