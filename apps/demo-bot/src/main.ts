import { runDemo } from './demo.ts'

process.exitCode = await runDemo({
  env: process.env,
  argv: process.argv.slice(2),
  log: (line) => {
    console.log(line)
  },
})
