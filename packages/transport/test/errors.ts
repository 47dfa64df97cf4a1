import { inspect } from 'node:util'

/** Every way an error can reach a person or a log: its string, stack, JSON and `inspect`. */
export function everyRendering(error: unknown): string {
  return [String(error), (error as Error).stack, JSON.stringify(error), inspect(error, { depth: 10 })].join('\n')
}

/** What `promise` rejected with; fails the test when it resolves. */
export async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected the call to fail')
}
