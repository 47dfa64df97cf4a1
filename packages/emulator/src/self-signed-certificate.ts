import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto'

/*
 * A self-signed certificate for `--tls`, made with node:crypto alone: it makes the key pair and the
 * signature, and this file writes the X.509 structure (RFC 5280) in DER, the few ASN.1 types it needs.
 * Node has no API that creates a certificate, and neither the openssl binary (absent on Windows) nor a
 * dependency is needed for one certificate (decision 045).
 */

/** A certificate and its private key, both PEM. */
export interface SelfSignedCertificate {
  readonly cert: string
  readonly key: string
}

/** A DER length: short form below 128, else the count of big-endian bytes, then the bytes. */
function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length])
  const bytes: number[] = []
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256)
  return Buffer.from([0x80 | bytes.length, ...bytes])
}

/** A DER element: tag, length, contents. */
function der(tag: number, ...contents: readonly Uint8Array[]): Buffer {
  const body = Buffer.concat(contents)
  return Buffer.concat([Buffer.from([tag]), derLength(body.length), body])
}

const sequence = (...contents: readonly Uint8Array[]): Buffer => der(0x30, ...contents)
const octetString = (contents: Uint8Array): Buffer => der(0x04, contents)
/** A context-specific constructed tag `[n]`, as EXPLICIT tagging wraps an element. */
const explicit = (n: number, contents: Uint8Array): Buffer => der(0xa0 + n, contents)

/** An OBJECT IDENTIFIER: the first two arcs in one byte, then base-128 with continuation bits. */
function objectId(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number)
  const bytes = [first * 40 + second]
  for (const arc of rest) {
    const groups = [arc % 128]
    for (let value = Math.floor(arc / 128); value > 0; value = Math.floor(value / 128)) groups.unshift((value % 128) | 0x80)
    bytes.push(...groups)
  }
  return der(0x06, Buffer.from(bytes))
}

/** A positive INTEGER from big-endian bytes (a leading zero keeps the sign bit clear). */
const positiveInteger = (bytes: Uint8Array): Buffer => der(0x02, (bytes[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes)

/** UTCTime `YYMMDDHHMMSSZ`, which RFC 5280 requires for dates before 2050. */
function utcTime(date: Date): Buffer {
  const text = date.toISOString().replace(/[-:T]/g, '').slice(2, 14)
  return der(0x17, Buffer.from(`${text}Z`, 'ascii'))
}

/** A Name with one common name. */
const commonName = (name: string): Buffer => sequence(der(0x31, sequence(objectId('2.5.4.3'), der(0x0c, Buffer.from(name, 'utf8')))))

/** An extension: its id, whether it is critical, and its value (DER, wrapped in an OCTET STRING). */
const extension = (id: string, critical: boolean, value: Uint8Array): Buffer =>
  sequence(objectId(id), ...(critical ? [der(0x01, Buffer.from([0xff]))] : []), octetString(value))

const ecdsaWithSha256 = sequence(objectId('1.2.840.10045.4.3.2'))

/**
 * A fresh P-256 key and a certificate for it, signed by itself, valid from an hour ago for 30 days,
 * for `127.0.0.1`, `::1` and `localhost`. It is its own CA (`cA`, `keyCertSign`), so a client can
 * trust it as a root: `NODE_EXTRA_CA_CERTS`, curl `--cacert`, `REQUESTS_CA_BUNDLE`.
 *
 * @example
 * ```ts
 * import { startEmulator } from '@b24bot/emulator'
 * import { createSelfSignedCertificate } from './self-signed-certificate.ts'
 *
 * const { cert, key } = createSelfSignedCertificate()
 * await startEmulator({ tls: { cert, key } })
 * ```
 */
export function createSelfSignedCertificate(now: Date = new Date()): SelfSignedCertificate {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  const publicKeyInfo = publicKey.export({ type: 'spki', format: 'der' })
  const keyId = createHash('sha1').update(publicKeyInfo).digest()
  const name = commonName('b24bot emulator')
  const serial = randomBytes(16)
  serial[0] = (serial[0] ?? 0) & 0x7f
  const loopback = Buffer.alloc(16)
  loopback[15] = 1
  const alternativeNames = sequence(
    der(0x82, Buffer.from('localhost', 'ascii')), // dNSName
    der(0x87, Buffer.from([127, 0, 0, 1])), // iPAddress
    der(0x87, loopback), // ::1
  )
  const extensions = sequence(
    extension('2.5.29.19', true, sequence(der(0x01, Buffer.from([0xff])))), // basicConstraints: cA
    extension('2.5.29.15', true, der(0x03, Buffer.from([0x02, 0x84]))), // keyUsage: digitalSignature, keyCertSign
    extension('2.5.29.37', false, sequence(objectId('1.3.6.1.5.5.7.3.1'))), // extKeyUsage: serverAuth
    extension('2.5.29.14', false, octetString(keyId)), // subjectKeyIdentifier
    extension('2.5.29.35', false, sequence(der(0x80, keyId))), // authorityKeyIdentifier
    extension('2.5.29.17', false, alternativeNames), // subjectAltName
  )
  const tbsCertificate = sequence(
    explicit(0, der(0x02, Buffer.from([2]))), // v3
    positiveInteger(serial),
    ecdsaWithSha256,
    name,
    sequence(utcTime(new Date(now.getTime() - 3_600_000)), utcTime(new Date(now.getTime() + 30 * 86_400_000))),
    name,
    publicKeyInfo,
    explicit(3, extensions),
  )
  const signature = sign('sha256', tbsCertificate, privateKey)
  const certificate = sequence(tbsCertificate, ecdsaWithSha256, der(0x03, Buffer.from([0]), signature))
  const base64 = certificate.toString('base64').replace(/.{64}/g, '$&\n').trimEnd()
  return {
    cert: `-----BEGIN CERTIFICATE-----\n${base64}\n-----END CERTIFICATE-----\n`,
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  }
}
