# Sourced by ./mvnw and ./neurolens: exports JAVA_HOME pointing at a JDK >= 21.
# Order: $JAVA_HOME if it is >= 21, then the newest JDK >= 21 under /usr/lib/jvm.
# POSIX sh (mvnw runs under /bin/sh).
neurolens_java_major() {
  # prints the feature version of the JDK at $1 (e.g. 21, 25), or nothing
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}
neurolens_find_jdk() {
  if [ -n "${JAVA_HOME-}" ]; then
    v=$(neurolens_java_major "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then return 0; fi
  fi
  best=""; bestv=0
  set +f  # mvnw runs with 'set -f'; the search below needs globbing
  for d in /usr/lib/jvm/* /usr/local/lib/jvm/* /opt/java/* /opt/jdk*; do
    [ -d "$d" ] || continue
    v=$(neurolens_java_major "$d")
    if [ -n "$v" ] && [ "$v" -ge 21 ] && [ "$v" -gt "$bestv" ]; then best=$d; bestv=$v; fi
  done
  set -f
  if [ -z "$best" ]; then
    echo "neurolens: no JDK 21 or newer found (JAVA_HOME=${JAVA_HOME-unset}, nothing >= 21 under /usr/lib/jvm)." >&2
    echo "neurolens: install one, e.g. 'apt-get install openjdk-21-jdk-headless' or Temurin 21+, or set JAVA_HOME to it." >&2
    return 1
  fi
  JAVA_HOME=$best
  export JAVA_HOME
}
neurolens_find_jdk || exit 1
