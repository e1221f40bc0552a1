// The current time as Kubernetes writes it in objects: RFC 3339 to the second
// (`2024-05-01T12:00:00Z`). Formatted once a second, not once per request.

let lastSecond = -1;
let lastText = '';

export function nowRFC3339(): string {
  const second = Math.floor(Date.now() / 1000);
  if (second !== lastSecond) {
    lastSecond = second;
    lastText = new Date(second * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  return lastText;
}
