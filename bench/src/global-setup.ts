import { readResults, startResults } from './results.ts'

/** Starts bench/results.json afresh before the bench files run, and prints every row they recorded after. */
export default function setup(): () => void {
  startResults()
  return () => {
    console.table(readResults().results)
  }
}
