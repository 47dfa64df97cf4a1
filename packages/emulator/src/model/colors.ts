/**
 * The colour codes `Bitrix\Im\Color::isSafeColor` accepts: the documented 16 and COPILOT; ORANGE is
 * not safe (server-behavior §imbot.chat.updateColor). Classic methods take them as written, v2 in
 * camelCase (`lightBlue` is `LIGHT_BLUE`).
 */
export const safeColors: ReadonlySet<string> = new Set([
  'RED',
  'GREEN',
  'MINT',
  'LIGHT_BLUE',
  'DARK_BLUE',
  'PURPLE',
  'AQUA',
  'PINK',
  'LIME',
  'BROWN',
  'AZURE',
  'KHAKI',
  'SAND',
  'MARENGO',
  'GRAY',
  'GRAPHITE',
  'COPILOT',
])

/** The HEX of each colour code (imbot-v2 §8.6): chat colours and bot profile colours alike. */
const hexes: Readonly<Record<string, string>> = {
  RED: '#df532d',
  GREEN: '#64a513',
  MINT: '#4ba984',
  LIGHT_BLUE: '#4ba5c3',
  DARK_BLUE: '#3e99ce',
  PURPLE: '#8474c8',
  AQUA: '#1eb4aa',
  PINK: '#f76187',
  LIME: '#58cc47',
  BROWN: '#ab7761',
  AZURE: '#29619b',
  KHAKI: '#728f7a',
  SAND: '#ba9c7b',
  MARENGO: '#556574',
  GRAY: '#909090',
  GRAPHITE: '#5e5f5e',
}

/** The codes new chats take in turn, by id, when no colour is given (the portal picks one too). */
export const chatPalette: readonly string[] = Object.keys(hexes)

/**
 * The colour code a client wrote, in the form chats store it (`LIGHT_BLUE`), or `undefined` for an
 * unknown one. Read leniently: `lightBlue`, `LIGHT_BLUE` and the tutorial's `GREEN` name the same
 * colour (imbot-v2 §17.26).
 */
export function colorCode(written: string): string | undefined {
  const key = written.replaceAll('_', '').toLowerCase()
  return [...safeColors].find((code) => code.replaceAll('_', '').toLowerCase() === key)
}

/** The HEX of a colour code in any spelling, `undefined` for an unknown one or one without a HEX (COPILOT). */
export function colorHex(code: string): string | undefined {
  const canonical = colorCode(code)
  return canonical === undefined ? undefined : hexes[canonical]
}
