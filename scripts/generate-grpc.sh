#!/usr/bin/env bash
# Regenerates the OTLP/gRPC service code in Sources/TurnscopeGRPC/Generated from the .proto files
# in ../shared/reference/otlp-proto (traces, logs) and scripts/proto (metrics, reduced to an
# acknowledgement: see the comment in that file). Run it again only when the protos, grpc-swift or
# swift-protobuf change; the generated files are committed, so an ordinary build needs neither
# protoc nor the plugins (CI builds from a fresh clone, and building the plugins is slow).
#
# The plugins are built from the grpc-swift-protobuf checkout that Package.resolved pins, so the
# generated code matches the runtime libraries it links against. They build in their own scratch
# directory (.build-grpc-plugin, gitignored), never disturbing the package's .build.
set -euo pipefail
cd "$(dirname "$0")/.."

proto_root="../shared/reference/otlp-proto"
local_root="scripts/proto"
out_dir="Sources/TurnscopeGRPC/Generated"
scratch=".build-grpc-plugin"

if ! command -v protoc >/dev/null 2>&1; then
  echo "generate-grpc: installing protobuf-compiler" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends protobuf-compiler >/dev/null
fi

checkout=".build/checkouts/grpc-swift-protobuf"
if [ ! -d "$checkout" ]; then
  swift package resolve
fi

echo "generate-grpc: building protoc-gen-grpc-swift-2 and protoc-gen-swift (slow the first time)" >&2
for product in protoc-gen-grpc-swift-2 protoc-gen-swift; do
  swift build --package-path "$checkout" --product "$product" --scratch-path "$scratch"
done
bin="$(swift build --package-path "$checkout" --scratch-path "$scratch" --show-bin-path)"

mkdir -p "$out_dir"
rm -f "$out_dir"/*.swift
# Method descriptors and clients (for the tests and `turnscope bench ingest`), no server protocols:
# the services register their methods by hand, with a deserializer that enforces the collector's
# size limit (Sources/TurnscopeGRPC/Coding/ExportDeserializer.swift). The trace and logs messages
# already live in TurnscopeOTLP (scripts/generate-otlp.sh): their service code imports that module
# rather than having them generated again.
options="Visibility=Public,Server=false,Client=true,FileNaming=DropPath"
protoc \
  --plugin="protoc-gen-grpc-swift-2=$bin/protoc-gen-grpc-swift-2" \
  --proto_path="$proto_root" \
  --grpc-swift-2_opt="$options,ExtraModuleImports=TurnscopeOTLP" \
  --grpc-swift-2_out="$out_dir" \
  opentelemetry/proto/collector/trace/v1/trace_service.proto \
  opentelemetry/proto/collector/logs/v1/logs_service.proto
protoc \
  --plugin="protoc-gen-grpc-swift-2=$bin/protoc-gen-grpc-swift-2" \
  --proto_path="$local_root" \
  --grpc-swift-2_opt="$options" \
  --grpc-swift-2_out="$out_dir" \
  opentelemetry/proto/collector/metrics/v1/metrics_service.proto
# The metrics messages are the reduced ones of scripts/proto, so they are generated here, beside
# their service, and not in TurnscopeOTLP, which holds the real OTLP messages only.
protoc \
  --plugin="protoc-gen-swift=$bin/protoc-gen-swift" \
  --proto_path="$local_root" \
  --swift_opt=Visibility=Public \
  --swift_opt=FileNaming=DropPath \
  --swift_out="$out_dir" \
  opentelemetry/proto/collector/metrics/v1/metrics_service.proto

echo "generate-grpc: wrote $(ls "$out_dir"/*.swift | wc -l) files to $out_dir" >&2
