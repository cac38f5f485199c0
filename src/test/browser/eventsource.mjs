// node eventsource.mjs '<json>': one EventSource in Chromium on a page of the server, watched
// until it is done, then for a while more; prints what the page received and which requests the
// browser made to the stream.
//
//   page        URL of eventsource.html on the server (the stream's origin)
//   stream      the stream URL for `new EventSource(...)`, absolute or relative to the page
//   types       event types to listen for (besides `message` and `error`)
//   endTypes    the watch is done at the first event of one of these types (default complete, error)
//   endCount    ... or once this many events arrived
//   gaveUpMs    ... or this long after the first connection error (a reconnect already failed it)
//   timeoutMs   ... or at the latest after this long (then `timedOut` is true)
//   observeMs   then keep watching this long (what the browser does after the end), default 0
//   keep        at most this many events are handed back in full (default 40)
import { launch, open, run } from './lib.mjs';

run(async (args) => {
  const {
    page: pageUrl,
    stream,
    types = ['start', 'progress', 'complete', 'error'],
    endTypes = ['complete', 'error'],
    endCount = null,
    gaveUpMs = null,
    timeoutMs = 30_000,
    observeMs = 0,
    keep = 40,
  } = args;
  const browser = await launch();
  try {
    const { page, log } = await open(browser, pageUrl, /^\/stream\//);
    await page.evaluate(([url, t]) => window.watch(url, t), [stream, types]);
    let timedOut = false;
    try {
      await page.waitForFunction(
        ([ends, count, gaveUp]) => {
          const { events, errors, source } = window.sse;
          return (
            events.some((e) => ends.includes(e.type) && e.data !== undefined) ||
            (count !== null && events.length >= count) ||
            source.readyState === EventSource.CLOSED ||
            (gaveUp !== null && errors.length > 0 && Date.now() - errors[0].t >= gaveUp)
          );
        },
        [endTypes, endCount, gaveUpMs],
        { polling: 50, timeout: timeoutMs },
      );
    } catch (e) {
      if (e.name !== 'TimeoutError') throw e;
      timedOut = true;
    }
    const doneAt = Date.now();
    if (observeMs > 0) {
      await page.waitForTimeout(observeMs); // a bounded observation window: nothing to wait for
    }
    const summary = await page.evaluate(([k, ends]) => {
      const s = window.summary(k, ends);
      window.sse.source.close();
      return s;
    }, [keep, endTypes]);
    return { ...summary, timedOut, doneAt, observedUntil: Date.now(), ...log };
  } finally {
    await browser.close();
  }
});
