#!/usr/bin/env bash
# Regenerates the OTLP message types in Sources/TurnscopeOTLP from the .proto files in
# ../shared/reference/otlp-proto. Run it again only when the protos or swift-protobuf change; the
# generated files are committed, so an ordinary build needs neither protoc nor the plugin.
#
# The plugin is built from the swift-protobuf checkout that Package.resolved pins, so the generated
# code always matches the runtime library it links against. It builds in its own scratch directory
# (.build-protoc, gitignored) so it never disturbs the package's .build; the first build takes
# several minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

proto_root="../shared/reference/otlp-proto"
out_dir="Sources/TurnscopeOTLP"
scratch=".build-protoc"
protos=(
  opentelemetry/proto/common/v1/common.proto
  opentelemetry/proto/resource/v1/resource.proto
  opentelemetry/proto/trace/v1/trace.proto
  opentelemetry/proto/collector/trace/v1/trace_service.proto
  opentelemetry/proto/logs/v1/logs.proto
  opentelemetry/proto/collector/logs/v1/logs_service.proto
)

if ! command -v protoc >/dev/null 2>&1; then
  echo "generate-otlp: installing protobuf-compiler" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends protobuf-compiler >/dev/null
fi

checkout=".build/checkouts/swift-protobuf"
if [ ! -d "$checkout" ]; then
  swift package resolve
fi

echo "generate-otlp: building protoc-gen-swift (slow the first time)" >&2
swift build -c release --package-path "$checkout" --product protoc-gen-swift --scratch-path "$scratch"
plugin="$(swift build -c release --package-path "$checkout" --product protoc-gen-swift \
  --scratch-path "$scratch" --show-bin-path)/protoc-gen-swift"

# DropPath keeps the file names short (trace.pb.swift ...); the proto file names do not collide.
protoc \
  --plugin="protoc-gen-swift=$plugin" \
  --proto_path="$proto_root" \
  --swift_opt=Visibility=Public \
  --swift_opt=FileNaming=DropPath \
  --swift_out="$out_dir" \
  "${protos[@]}"

rm -f "$out_dir/Placeholder.swift"
echo "generate-otlp: wrote $(ls "$out_dir"/*.pb.swift | wc -l) files to $out_dir" >&2
