import { X509Certificate, createPrivateKey } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createSelfSignedCertificate } from './self-signed-certificate.ts'

describe('createSelfSignedCertificate', () => {
  it('makes a certificate for 127.0.0.1, ::1 and localhost, signed by its own key, a root a client can trust', () => {
    const now = new Date('2026-12-03T12:00:00Z')
    const { cert, key } = createSelfSignedCertificate(now)
    const certificate = new X509Certificate(cert)
    expect(certificate.checkIP('127.0.0.1')).toBe('127.0.0.1')
    expect(certificate.checkIP('::1')).toBe('::1')
    expect(certificate.checkHost('localhost')).toBe('localhost')
    expect(certificate.checkHost('example.com')).toBeUndefined()
    expect(certificate.verify(certificate.publicKey)).toBe(true)
    expect(certificate.checkIssued(certificate)).toBe(true)
    expect(certificate.ca).toBe(true)
    expect(certificate.checkPrivateKey(createPrivateKey(key))).toBe(true)
    expect(new Date(certificate.validFrom).getTime()).toBe(now.getTime() - 3_600_000)
    expect(new Date(certificate.validTo).getTime()).toBe(now.getTime() + 30 * 86_400_000)
  })

  it('makes a new key and serial number each time', () => {
    const [first, second] = [createSelfSignedCertificate(), createSelfSignedCertificate()]
    expect(first.key).not.toBe(second.key)
    expect(new X509Certificate(first.cert).serialNumber).not.toBe(new X509Certificate(second.cert).serialNumber)
  })
})
