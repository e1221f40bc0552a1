// Incremental newline-delimited JSON: bytes in any chunking -> one parsed value per line.
// A multi-byte character split across chunks is reassembled by the decoder.
import { StringDecoder } from 'node:string_decoder';

export class NDJSONDecoder {
  private readonly decoder = new StringDecoder('utf8');
  private partial = '';

  /** Feeds a chunk; returns the values of the lines it completed (blank lines are skipped). */
  push(chunk: Buffer | string): unknown[] {
    this.partial += typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    const out: unknown[] = [];
    let nl = this.partial.indexOf('\n');
    while (nl >= 0) {
      const line = this.partial.slice(0, nl).trim();
      this.partial = this.partial.slice(nl + 1);
      if (line !== '') out.push(JSON.parse(line));
      nl = this.partial.indexOf('\n');
    }
    return out;
  }

  /** The stream ended: a last line without a newline still counts. */
  end(): unknown[] {
    const rest = (this.partial + this.decoder.end()).trim();
    this.partial = '';
    return rest === '' ? [] : [JSON.parse(rest)];
  }
}
