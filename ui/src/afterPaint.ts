/**
 * Run `fn` once the browser has painted the next frame: a rAF runs just
 * before that frame's paint, and a task posted from it runs after. Work that
 * can wait a frame (what is below the fold, emptying a box, moving a
 * highlight) goes here, so the frame the desk is waiting for paints first.
 * Returns a function that cancels it if it has not run.
 */
export function afterPaint(fn: () => void): () => void {
  let timer = 0;
  const frame = requestAnimationFrame(() => {
    timer = window.setTimeout(fn, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    window.clearTimeout(timer);
  };
}
