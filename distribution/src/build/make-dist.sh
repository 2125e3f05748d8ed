#!/bin/sh
# Builds qec-node-VERSION.tar.gz: a jlink runtime holding only the JDK modules the two shaded jars need, the jars,
# the launchers, the sample config and the systemd unit. Run by Maven (distribution/pom.xml) in the package phase:
#
#   make-dist.sh JAVA_HOME VERSION NODE_JAR BENCH_JAR SOURCE_DIR TARGET_DIR
#
# JAVA_HOME is the JDK Maven runs on: jdeps and jlink come from it, so the image is that JDK's. SOURCE_DIR holds
# bin/ and conf/ and INSTALL as they are shipped. It writes TARGET_DIR/qec-node-VERSION.tar.gz and, beside it,
# jlink-modules.txt, the modules it chose (the distribution test checks the image against it).
set -eu

java_home=$1
version=$2
node_jar=$3
bench_jar=$4
source_dir=$5
target_dir=$6

# Modules the jars need at run time that jdeps cannot see, because nothing in them names a class of the module:
# the JDK or a library finds it by name or through a service lookup. Each was checked by running every command of
# both jars on a full JDK with -Xlog:class+load and listing the modules classes came from. Loaded there but not
# needed, so left out (the commands pass without them):
#   jdk.net             java.base looks up the extended socket options reflectively; Aeron sets only standard ones
#   jdk.localedata      locale data beyond English, found by a service lookup; the reports format in Locale.ROOT,
#                       and any other formatting falls back to English forms without it
#   jdk.management.jfr  the platform MXBean providers' service lookup; JFR is not used by the node
#   jdk.crypto.ec, jdk.crypto.cryptoki, java.security.jgss, jdk.security.jgss, java.xml.crypto, java.smartcardio
#                       the security providers listed in java.security; Bouncy Castle brings its own algorithms
# Chronicle's runtime compiler (net.openhft.compiler, which would need jdk.compiler) is never loaded by the journal.
# Add a module here, with its reason, when a command needs one of these.
RUNTIME_ONLY_MODULES=""

name=qec-node-$version
stage=$target_dir/dist
home=$stage/$name
tarball=$target_dir/$name.tar.gz
modules_file=$target_dir/jlink-modules.txt

for jar in "$node_jar" "$bench_jar"
do
    if [ ! -f "$jar" ]
    then
        echo "make-dist: $jar is missing: build node-runtime and latency-tests first (mvn package)" >&2
        exit 1
    fi
done

rm -rf "$stage" "$tarball" "$modules_file"
mkdir -p "$home/lib"

# --multi-release: the shaded jars hold classes for several releases; read those the runtime (this JDK's) will load.
# --ignore-missing-deps: optional parts of libraries (e.g. JNA's platform classes, log bindings) name classes that
# are in neither jar; what they would need from the JDK is still counted.
release=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$java_home/release")
deps=$("$java_home/bin/jdeps" --multi-release "${release:-17}" --ignore-missing-deps --print-module-deps \
    "$node_jar" "$bench_jar")
modules=$deps${RUNTIME_ONLY_MODULES:+,$RUNTIME_ONLY_MODULES}
echo "make-dist: jdeps found $deps; runtime modules: $modules"

# Zip compression: JDK 17's jlink calls it 2, JDK 21 and later zip-6 (and warn that 2 is deprecated).
compress=2
[ "${release:-17}" -ge 21 ] && compress=zip-6
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=$compress \
    --output "$home/runtime"

cp "$node_jar" "$home/lib/qec-node.jar"
cp "$bench_jar" "$home/lib/qec-bench.jar"
cp -R "$source_dir/bin" "$source_dir/conf" "$source_dir/INSTALL" "$home/"
# One launcher, two names: the name it is called by picks the jar.
cp "$home/bin/qec-node" "$home/bin/qec-bench"
chmod 755 "$home/bin/"*
chmod 644 "$home/conf/"* "$home/INSTALL" "$home/lib/"*

# Owner root in the archive whoever builds it (GNU tar; other tars keep the builder's ids).
owner=""
if tar --version 2>/dev/null | grep -q GNU
then
    owner="--owner=0 --group=0 --numeric-owner"
fi
# shellcheck disable=SC2086 # owner is a list of flags
tar $owner -czf "$tarball" -C "$stage" "$name"
echo "$modules" | tr ',' '\n' > "$modules_file"
echo "make-dist: wrote $tarball ($(du -k "$tarball" | cut -f1) KiB; runtime $(du -sk "$home/runtime" | cut -f1) KiB)"
