# OTLP/JSON (hex ids) -> protobuf text format, to be piped through `protoc --encode`.
import json, sys
def q(s):
    b = s.encode('utf-8') if isinstance(s, str) else s
    out = []
    for c in b:
        if c == 0x22: out.append('\\"')
        elif c == 0x5c: out.append('\\\\')
        elif 0x20 <= c < 0x7f: out.append(chr(c))
        else: out.append('\\%03o' % c)
    return '"' + ''.join(out) + '"'
def anyv(v, ind):
    r = []
    if 'stringValue' in v: r.append(f'string_value: {q(v["stringValue"])}')
    elif 'boolValue' in v: r.append(f'bool_value: {"true" if v["boolValue"] else "false"}')
    elif 'intValue' in v: r.append(f'int_value: {int(v["intValue"])}')
    elif 'doubleValue' in v: r.append(f'double_value: {repr(float(v["doubleValue"]))}')
    elif 'arrayValue' in v:
        r.append('array_value { ' + ' '.join('values { ' + anyv(x, ind) + ' }' for x in v['arrayValue'].get('values', [])) + ' }')
    elif 'kvlistValue' in v:
        r.append('kvlist_value { ' + ' '.join(kv(x, ind) for x in v['kvlistValue'].get('values', [])) + ' }')
    return ' '.join(r)
def kv(a, ind):
    return 'values { key: %s value { %s } }' % (q(a['key']), anyv(a.get('value', {}), ind))
def attrs(lst, name='attributes'):
    return ' '.join('%s { key: %s value { %s } }' % (name, q(a['key']), anyv(a.get('value', {}), 0)) for a in lst)
def hexb(h): return q(bytes.fromhex(h))
def span(s):
    p = [f'trace_id: {hexb(s["traceId"])}', f'span_id: {hexb(s["spanId"])}']
    if s.get('traceState'): p.append(f'trace_state: {q(s["traceState"])}')
    if s.get('parentSpanId'): p.append(f'parent_span_id: {hexb(s["parentSpanId"])}')
    if 'flags' in s: p.append(f'flags: {int(s["flags"])}')
    p.append(f'name: {q(s.get("name", ""))}')
    if s.get('kind'): p.append(f'kind: {int(s["kind"])}')
    p.append(f'start_time_unix_nano: {int(s.get("startTimeUnixNano", 0))}')
    p.append(f'end_time_unix_nano: {int(s.get("endTimeUnixNano", 0))}')
    p.append(attrs(s.get('attributes', [])))
    for e in s.get('events', []):
        p.append('events { time_unix_nano: %d name: %s %s }' % (int(e.get('timeUnixNano', 0)), q(e.get('name', '')), attrs(e.get('attributes', []))))
    st = s.get('status', {})
    sp = []
    if st.get('message'): sp.append(f'message: {q(st["message"])}')
    if st.get('code'): sp.append(f'code: {int(st["code"])}')
    p.append('status { ' + ' '.join(sp) + ' }')
    return 'spans { ' + ' '.join(p) + ' }'
def main():
    d = json.load(sys.stdin)
    out = []
    for rs in d.get('resourceSpans', []):
        parts = ['resource { ' + attrs(rs.get('resource', {}).get('attributes', [])) + ' }']
        for ss in rs.get('scopeSpans', []):
            sc = ss.get('scope', {})
            scp = []
            if sc.get('name'): scp.append(f'name: {q(sc["name"])}')
            if sc.get('version'): scp.append(f'version: {q(sc["version"])}')
            scp.append(attrs(sc.get('attributes', [])))
            sparts = ['scope { ' + ' '.join(scp) + ' }'] + [span(s) for s in ss.get('spans', [])]
            if ss.get('schemaUrl'): sparts.append(f'schema_url: {q(ss["schemaUrl"])}')
            parts.append('scope_spans { ' + ' '.join(sparts) + ' }')
        if rs.get('schemaUrl'): parts.append(f'schema_url: {q(rs["schemaUrl"])}')
        out.append('resource_spans { ' + ' '.join(parts) + ' }')
    print('\n'.join(out))
main()
