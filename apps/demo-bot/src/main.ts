import { runDemo } from './demo.ts'

process.exitCode = await runDemo(process.env, (line) => {
  console.log(line)
})
