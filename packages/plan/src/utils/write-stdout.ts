/**
 * Writes to stdout and resolves once the text has left this process.
 *
 * Nx runs an executor in a forked process and calls `process.exit()` as soon as the executor
 * resolves. When stdout is a pipe (CI, `nx run ... > file`, `| jq`), Node writes to it
 * asynchronously on POSIX: what the pipe did not take at once waits in the stream's queue and
 * is thrown away by `process.exit()`, which cut a large JSON report at a few hundred KB.
 * Waiting for the write's callback keeps it whole. `fs.writeSync(1, ...)` would too, but it
 * bypasses `process.stdout`, where Nx captures the output it caches and replays.
 */
export function writeStdout(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (error) => (error ? reject(error) : resolve()));
  });
}

/** `writeStdout` with a final newline, as a report ends in a terminal. */
export function printLine(text: string): Promise<void> {
  return writeStdout(text.endsWith('\n') ? text : `${text}\n`);
}
