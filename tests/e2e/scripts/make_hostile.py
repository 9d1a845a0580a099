# Builds hostile and broken packages from a valid bag folder (argv[1]) into
# argv[2], one per case the importer must refuse. Each is made with Python's
# own zipfile/tarfile, independently of the code that reads them.
import hashlib, io, os, sys, tarfile, warnings, zipfile

warnings.simplefilter('ignore')  # zipfile warns of the duplicate entry we make on purpose

bag, out = sys.argv[1], sys.argv[2]
files = {}
for root, dirs, names in os.walk(bag):
    for n in names:
        full = os.path.join(root, n)
        files[os.path.relpath(full, bag)] = open(full, 'rb').read()

def remanifest(f):
    # Recomputes the manifests and the tag manifest: the bag stays valid as
    # a bag, so only the core's checks of the records can refuse it.
    payload = {p: b for p, b in f.items() if p.startswith('data/')}
    for alg in ('sha256', 'sha512'):
        f['manifest-%s.txt' % alg] = ''.join(
            '%s  %s\n' % (hashlib.new(alg, payload[p]).hexdigest(), p) for p in sorted(payload)).encode()
    oxum = '%d.%d' % (sum(len(b) for b in payload.values()), len(payload))
    info = [l for l in f['bag-info.txt'].decode().splitlines() if not l.startswith('Payload-Oxum')]
    f['bag-info.txt'] = ('\n'.join(info + ['Payload-Oxum: ' + oxum]) + '\n').encode()
    tags = ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', 'manifest-sha512.txt']
    f['tagmanifest-sha256.txt'] = ''.join('%s  %s\n' % (hashlib.sha256(f[t]).hexdigest(), t) for t in tags).encode()
    return f

def write_zip(name, entries):
    with zipfile.ZipFile(os.path.join(out, name), 'w', zipfile.ZIP_DEFLATED) as z:
        for p, b in entries:
            z.writestr(p, b)

def tar_info(name, data=None, kind=tarfile.REGTYPE, link=''):
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = link
    info.size = len(data) if data is not None else 0
    info.mode = 0o644
    return info

def write_tar(name, entries, fmt=tarfile.PAX_FORMAT, mode='w:gz'):
    with tarfile.open(os.path.join(out, name), mode, format=fmt, encoding='utf-8', errors='surrogateescape') as t:
        for info, data in entries:
            t.addfile(info, io.BytesIO(data) if data is not None else None)

valid = [(tar_info(p, b), b) for p, b in sorted(files.items())]
payload_file = sorted(p for p in files if p.startswith('data/') and '/v1/' in p)[0]
record_file = sorted(p for p in files if p.endswith('metadata.json'))[0]

write_tar('dotdot.tar.gz', valid + [(tar_info('../evil.txt', b'x'), b'x')])
write_tar('absolute.tar.gz', valid + [(tar_info('/tmp/dossier-evil.txt', b'x'), b'x')])
write_tar('symlink.tar.gz', valid + [(tar_info('data/link', None, tarfile.SYMTYPE, '/etc/passwd'), None)])
write_tar('device.tar.gz', valid + [(tar_info('data/dev', None, tarfile.CHRTYPE), None)])
write_tar('badname.tar.gz', valid + [(tar_info('data/\udcff\udcfe.txt', b'x'), b'x')], fmt=tarfile.GNU_FORMAT)
write_zip('duplicate.zip', sorted(files.items()) + [('bagit.txt', files['bagit.txt'])])

f = dict(files)
line = f['manifest-sha256.txt'].decode().splitlines()[0]
f['manifest-sha256.txt'] = f['manifest-sha256.txt'].replace(line[:64].encode(), b'0' * 64, 1)
write_zip('manifest-mismatch.zip', sorted(f.items()))

f = remanifest(dict(files))
f['bag-info.txt'] = f['bag-info.txt'].replace(b'Payload-Oxum: ', b'Payload-Oxum: 9')
tags = ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', 'manifest-sha512.txt']
f['tagmanifest-sha256.txt'] = ''.join('%s  %s\n' % (hashlib.sha256(f[t]).hexdigest(), t) for t in tags).encode()
write_zip('oxum-lies.zip', sorted(f.items()))

# 64 MiB of zeros compress about a thousandfold: a zip bomb in miniature.
write_zip('bomb.zip', sorted(files.items()) + [('data/zeros.bin', b'\0' * (64 << 20))])

f = dict(files)
del f[payload_file]
write_zip('missing.zip', sorted(f.items()))
write_zip('extra.zip', sorted(files.items()) + [('data/extra.txt', b'not in any manifest')])
f = dict(files)
b = bytearray(f[payload_file]); b[0] ^= 1; f[payload_file] = bytes(b)
write_zip('corrupt.zip', sorted(f.items()))

f = dict(files)
f[record_file] = f[record_file].replace('服务器采购合同'.encode(), '服务器采购合同（改）'.encode())
write_zip('altered-record.zip', sorted(remanifest(f).items()))

f = dict(files)
f[record_file] = f[record_file].replace(b'"action":"register"', b'"action":"regist3r"', 1)
write_zip('altered-provenance.zip', sorted(remanifest(f).items()))

write_zip('not-a-bag.zip', [('readme.txt', b'hello')])

# A tar whose last entry declares more bytes than it holds.
raw = io.BytesIO()
with tarfile.open(fileobj=raw, mode='w', format=tarfile.PAX_FORMAT) as t:
    for info, data in valid:
        t.addfile(info, io.BytesIO(data))
whole = raw.getvalue()
with tarfile.open(fileobj=io.BytesIO(whole)) as t:
    last = t.getmembers()[-1]
import gzip
cut = last.offset_data + max(1, last.size // 2)
open(os.path.join(out, 'truncated.tar.gz'), 'wb').write(gzip.compress(whole[:cut]))
print('made')
