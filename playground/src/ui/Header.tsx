/**
 * The top bar: examples, the generator's options, open, share and download.
 *
 * @module
 */
import type { JSX } from "preact";
import { useRef } from "preact/hooks";
import type { SyncMode } from "../../../mod.ts";
import { EXAMPLES } from "../examples.ts";

/** Props of {@link Header}. */
export interface HeaderProps {
  /** The example the spec is, or `undefined` once edited. */
  example: string | undefined;
  syncMode: SyncMode;
  canDownload: boolean;
  onPickExample: (id: string) => void;
  onSyncMode: (mode: SyncMode) => void;
  onOpenFile: (file: File) => void;
  onShare: () => void;
  onDownload: () => void;
}

/** The bar. */
export function Header(props: HeaderProps): JSX.Element {
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <header class="topbar">
      <div class="brand">
        <span class="logo" aria-hidden="true">◆</span>
        <span class="brand-name">sync/patterns</span>
        <span class="brand-sub">playground</span>
      </div>
      <label class="field">
        <span>Example</span>
        <select
          data-testid="example-select"
          value={props.example ?? ""}
          onChange={(e) => {
            const id = (e.currentTarget as HTMLSelectElement).value;
            if (id) props.onPickExample(id);
          }}
        >
          <option value="" disabled>Your spec</option>
          {EXAMPLES.map((ex) => <option key={ex.id} value={ex.id}>{ex.title}</option>)}
        </select>
      </label>
      <label class="field">
        <span>Sync mode</span>
        <select
          data-testid="sync-mode"
          value={props.syncMode}
          title="Sync mode of entities whose spec has no x-sync-mode"
          onChange={(e) => props.onSyncMode((e.currentTarget as HTMLSelectElement).value as SyncMode)}
        >
          <option value="optimistic">optimistic</option>
          <option value="confirmed">confirmed</option>
        </select>
      </label>
      <div class="spacer" />
      <button type="button" class="btn" onClick={() => fileInput.current?.click()}>Open…</button>
      <input
        ref={fileInput}
        type="file"
        accept=".yaml,.yml,.json,application/json,application/yaml,text/yaml"
        hidden
        onChange={(e) => {
          const file = (e.currentTarget as HTMLInputElement).files?.[0];
          if (file) props.onOpenFile(file);
          (e.currentTarget as HTMLInputElement).value = "";
        }}
      />
      <button type="button" class="btn" data-testid="share" onClick={props.onShare}>Share</button>
      <button
        type="button"
        class="btn btn-primary"
        data-testid="download-zip"
        disabled={!props.canDownload}
        onClick={props.onDownload}
      >
        Download zip
      </button>
    </header>
  );
}
