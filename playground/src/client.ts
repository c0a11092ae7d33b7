/**
 * The page's side of the generate worker: numbered requests, stale replies dropped.
 *
 * @module
 */
import type { SyncMode } from "../../mod.ts";
import type { GenerateReply, GenerateRequest } from "./protocol.ts";

/** Posts specs to the worker and hands back only the latest request's reply. */
export class GeneratorClient {
  #worker: Worker;
  #latest = 0;

  /**
   * Starts the worker.
   *
   * @param workerUrl The worker bundle (a module worker).
   * @param onReply Called with the reply to the latest request (older replies are dropped).
   */
  constructor(workerUrl: URL, onReply: (reply: GenerateReply) => void) {
    this.#worker = new Worker(workerUrl, { type: "module", name: "generate" });
    this.#worker.onmessage = (event: MessageEvent<GenerateReply>) => {
      if (event.data.id === this.#latest) onReply(event.data);
    };
  }

  /**
   * Asks for a generation; any earlier request still running is superseded.
   *
   * @returns The request id.
   */
  request(spec: string, syncMode: SyncMode, resetBaseline: boolean): number {
    const message: GenerateRequest = { id: ++this.#latest, spec, syncMode, resetBaseline };
    this.#worker.postMessage(message);
    return message.id;
  }
}
