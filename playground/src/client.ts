/**
 * The page's side of the generate worker: one request in flight at a time (a newer spec waits, and replaces any
 * spec waiting before it), numbered requests, and replies to superseded requests not shown.
 *
 * It also keeps the previous generation's files (the diff view's "before"): every successful reply becomes the
 * baseline, shown or not, exactly as the worker's own baseline for its change marks.
 *
 * @module
 */
import type { SyncMode } from "../../mod.ts";
import type { GenerateFailure, GenerateReply, GenerateRequest, GenerateSuccess } from "./protocol.ts";

/** A reply as the page sees it. */
export type ClientReply = (GenerateSuccess & { previousFiles: Record<string, string> }) | GenerateFailure;

/** Posts specs to the worker and hands back only the latest request's reply. */
export class GeneratorClient {
  #worker: Worker;
  #latest = 0;
  #inFlight = false;
  #waiting: GenerateRequest | undefined;
  #baseline: Record<string, string> | undefined;

  /**
   * Starts the worker.
   *
   * @param workerUrl The worker bundle (a module worker).
   * @param onReply Called with the reply to the latest request (replies to superseded requests are dropped).
   */
  constructor(workerUrl: URL, onReply: (reply: ClientReply) => void) {
    this.#worker = new Worker(workerUrl, { type: "module", name: "generate" });
    this.#worker.onmessage = (event: MessageEvent<GenerateReply>) => {
      const reply = event.data;
      let shown: ClientReply = reply as GenerateFailure;
      if (reply.ok) {
        shown = { ...reply, previousFiles: this.#baseline ?? reply.files };
        this.#baseline = reply.files;
      }
      this.#inFlight = false;
      if (this.#waiting) {
        const next = this.#waiting;
        this.#waiting = undefined;
        this.#send(next);
      }
      if (reply.id === this.#latest) onReply(shown);
    };
  }

  #send(request: GenerateRequest) {
    this.#inFlight = true;
    if (request.resetBaseline) this.#baseline = undefined;
    this.#worker.postMessage(request, typeof request.spec === "string" ? [] : [request.spec.buffer]);
  }

  /**
   * Asks for a generation; a request not yet sent is replaced, one running is let finish (its reply is dropped).
   *
   * @param spec The text, or its UTF-8 bytes for a big spec (transferred: the caller must not use them after).
   * @returns The request id.
   */
  request(spec: string | Uint8Array<ArrayBuffer>, syncMode: SyncMode, resetBaseline: boolean): number {
    const request: GenerateRequest = {
      id: ++this.#latest,
      spec,
      syncMode,
      resetBaseline: resetBaseline || (this.#waiting?.resetBaseline ?? false),
    };
    if (this.#inFlight) this.#waiting = request;
    else this.#send(request);
    return request.id;
  }
}
