/** A progress bar for long imports, shown only on a terminal and only when there is a lot to do. */
import cliProgress from 'cli-progress';

export const PROGRESS_THRESHOLD = 5000;

/** Returns an onProgress callback and a stop function; both no-ops when not on a TTY or below the threshold. */
export function progressBar(
  total: number,
  label: string,
): { update: (done: number, total: number) => void; stop: () => void } {
  if (!process.stdout.isTTY || total < PROGRESS_THRESHOLD)
    return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} rows | {eta_formatted} left`,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { update: (done) => bar.update(done), stop: () => bar.stop() };
}
