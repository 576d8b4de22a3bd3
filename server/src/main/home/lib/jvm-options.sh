# The JVM options of a FloeDB home, in one place for every script that starts FloeDB (the source
# tree's floe script and a distribution's bin/floe): sourced, then
#   floe_jvm_options <home> <java>
# appends to the array floe_jvm_opts the lines of <home>/conf/jvm.options (one option a line; blank
# lines and lines starting with # are skipped), and the flags every start needs. FLOE_JAVA_OPTS, read
# after them by the scripts, adds to them.
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
  # Native access for LMDB's library: every Java FloeDB runs on (17 and newer) knows the flag, so no
  # JVM is started to ask (it would cost a start's worth of time on every start).
  floe_jvm_opts+=(--enable-native-access=ALL-UNNAMED)
}
