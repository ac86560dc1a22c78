// Server-Sent Events over fetch(): EventSource cannot send an Authorization header, so the page reads
// the text/event-stream body itself (https://html.spec.whatwg.org/multipage/server-sent-events.html,
// "Parsing an event stream"): lines `event:`, `data:` (joined with \n), `id:`; a blank line dispatches;
// lines starting with `:` are comments (keep-alives).

/**
 * Reads an event stream until it ends or `signal` aborts.
 * @param {Response} response an OK response whose body is text/event-stream
 * @param {(type: string, data: string) => void} onEvent called per dispatched event
 */
export async function readEventStream(response, onEvent, signal) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let type = '';
  let data = [];
  const dispatch = () => {
    if (data.length > 0) {
      onEvent(type || 'message', data.join('\n'));
    }
    type = '';
    data = [];
  };
  try {
    for (;;) {
      if (signal && signal.aborted) {
        return;
      }
      const { value, done } = await reader.read();
      if (done) {
        dispatch();
        return;
      }
      buffer += value;
      let nl;
      // Lines end in \n, \r\n or \r.
      while ((nl = buffer.search(/\r\n|\r|\n/)) >= 0) {
        if (buffer[nl] === '\r' && nl === buffer.length - 1) {
          break; // a \r at the end may be the first half of \r\n: wait for more
        }
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(buffer.startsWith('\r\n', nl) ? nl + 2 : nl + 1);
        if (line === '') {
          dispatch();
          continue;
        }
        if (line.startsWith(':')) {
          continue;
        }
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        let val = colon < 0 ? '' : line.slice(colon + 1);
        if (val.startsWith(' ')) {
          val = val.slice(1);
        }
        if (field === 'event') {
          type = val;
        } else if (field === 'data') {
          data.push(val);
        }
      }
    }
  } finally {
    reader.releaseLock();
  }
}
