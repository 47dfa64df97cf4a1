// Shared by the repository's scripts that drive other commands (scripts/consumer, scripts/release).
import { spawn } from 'node:child_process'

/**
 * Runs a command; resolves to its exit code, combined output, duration and command line. Never rejects:
 * a command that cannot start resolves with code -1, one that runs past `timeout` ms is killed.
 *
 * @param {string} command
 * @param {readonly string[]} args
 * @param {{ cwd?: string, env: NodeJS.ProcessEnv, timeout: number, input?: string }} options
 * @returns {Promise<{ code: number, output: string, ms: number, command: string }>}
 */
export function runCommand(command, args, { cwd, env, timeout, input }) {
  const started = performance.now()
  return new Promise((done) => {
    const child = spawn(command, args, { cwd, env, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] })
    if (input !== undefined) child.stdin.end(input)
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    const timer = setTimeout(() => {
      output += `\n(killed after ${String(timeout / 1000)} s)`
      child.kill('SIGKILL')
    }, timeout)
    const finish = (code) => {
      clearTimeout(timer)
      done({ code, output, ms: performance.now() - started, command: [command, ...args].join(' ') })
    }
    child.once('error', (error) => {
      output += String(error)
      finish(-1)
    })
    child.once('close', (code) => finish(code ?? -1))
  })
}

/** Milliseconds as seconds with one decimal: `1.5s`. @param {number} ms */
export const seconds = (ms) => `${(ms / 1000).toFixed(1)}s`
