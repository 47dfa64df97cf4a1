#!/usr/bin/env node
import { runCli } from './cli.ts'

const { emulator, exitCode } = await runCli(process.argv.slice(2), {
  out: (line) => {
    console.log(line)
  },
  err: (line) => {
    console.error(line)
  },
})
process.exitCode = exitCode
if (emulator) {
  const stop = (): void => {
    void emulator.close().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}
