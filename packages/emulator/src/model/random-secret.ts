/** A webhook secret shaped like Bitrix's: 16 lower-case letters and digits. */
export function randomSecret(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => alphabet[byte % alphabet.length]).join('')
}
