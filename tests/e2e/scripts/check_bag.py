# An independent BagIt (RFC 8493) check for the tests: reads a bag as a
# folder, .zip or .tar.gz with Python's own modules, recomputes every
# manifest and the Payload-Oxum from the bytes, and prints what it found.
# Exit status 1 with the reason on the first problem.
import hashlib, io, os, sys, tarfile, zipfile

def entries(path):
    if path.endswith('.zip'):
        with zipfile.ZipFile(path) as z:
            for info in z.infolist():
                if not info.filename.endswith('/'):
                    # Names must be flagged UTF-8 (bit 11) so that Chinese survives.
                    if any(ord(c) > 127 for c in info.filename) and not info.flag_bits & 0x800:
                        raise SystemExit('zip entry not flagged UTF-8: ' + info.filename)
                    yield info.filename, z.read(info)
    elif path.endswith('.tar.gz'):
        with tarfile.open(path, 'r:gz') as t:
            for m in t.getmembers():
                if m.isfile():
                    yield m.name, t.extractfile(m).read()
                elif not m.isdir():
                    raise SystemExit('not a regular file: ' + m.name)
    else:
        for root, dirs, files in os.walk(path):
            for f in files:
                full = os.path.join(root, f)
                yield os.path.relpath(full, path), open(full, 'rb').read()

def manifest(text):
    lines = {}
    for line in text.decode('utf-8').splitlines():
        if line.strip():
            digest, p = line.split(None, 1)
            p = p.replace('%0A', '\n').replace('%0D', '\r').replace('%25', '%')
            lines[p] = digest.lower()
    return lines

files = dict(entries(sys.argv[1]))
for required in ('bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', 'manifest-sha512.txt', 'tagmanifest-sha256.txt'):
    if required not in files:
        raise SystemExit('missing ' + required)
if not files['bagit.txt'].decode().startswith('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8'):
    raise SystemExit('bad bagit.txt')
payload = {p: b for p, b in files.items() if p.startswith('data/')}
for algorithm in ('sha256', 'sha512'):
    m = manifest(files['manifest-%s.txt' % algorithm])
    if set(m) != set(payload):
        raise SystemExit('manifest-%s.txt lists %s; payload holds %s' % (algorithm, sorted(set(m) ^ set(payload)), len(payload)))
    for p, digest in m.items():
        if hashlib.new(algorithm, payload[p]).hexdigest() != digest:
            raise SystemExit('%s mismatch: %s' % (algorithm, p))
tags = manifest(files['tagmanifest-sha256.txt'])
for p, digest in tags.items():
    if hashlib.sha256(files[p]).hexdigest() != digest:
        raise SystemExit('tag manifest mismatch: ' + p)
info = {}
for line in files['bag-info.txt'].decode('utf-8').splitlines():
    label, value = line.split(':', 1)
    info.setdefault(label, []).append(value.strip())
oxum = '%d.%d' % (sum(len(b) for b in payload.values()), len(payload))
if info['Payload-Oxum'] != [oxum]:
    raise SystemExit('Payload-Oxum %s, payload is %s' % (info['Payload-Oxum'], oxum))
print('valid', len(payload), 'payload files, oxum', oxum)
for code in info.get('External-Identifier', []):
    print('External-Identifier', code)
print('Source-Organization', info['Source-Organization'][0])
for p in sorted(payload):
    print('payload', p)
