/**
 * Tabs (`role="tablist"`), arrow keys move between them. Tabs are data, so more can be added (the Preview).
 *
 * @module
 */
import type { ComponentChildren, JSX } from "preact";

/** One tab. */
export interface TabSpec<Id extends string> {
  id: Id;
  label: ComponentChildren;
}

/** Props of {@link Tabs}. */
export interface TabsProps<Id extends string> {
  label: string;
  tabs: readonly TabSpec<Id>[];
  selected: Id;
  onSelect: (id: Id) => void;
  /** Prefix of the tab and panel element ids. */
  idPrefix: string;
}

/** The tab strip; the page renders the panel with `id={`${idPrefix}-panel`}`. */
export function Tabs<Id extends string>(props: TabsProps<Id>): JSX.Element {
  const onKeyDown = (event: KeyboardEvent) => {
    const at = props.tabs.findIndex((t) => t.id === props.selected);
    let next = at;
    if (event.key === "ArrowRight") next = (at + 1) % props.tabs.length;
    else if (event.key === "ArrowLeft") next = (at - 1 + props.tabs.length) % props.tabs.length;
    else return;
    event.preventDefault();
    props.onSelect(props.tabs[next].id);
    const strip = event.currentTarget as HTMLElement;
    requestAnimationFrame(() => strip.querySelector<HTMLElement>('[aria-selected="true"]')?.focus());
  };
  return (
    <div class="tabs" role="tablist" aria-label={props.label} onKeyDown={onKeyDown}>
      {props.tabs.map((tab) => (
        <button
          key={tab.id}
          type="button"
          role="tab"
          id={`${props.idPrefix}-tab-${tab.id}`}
          class="tab"
          data-tab={tab.id}
          aria-selected={tab.id === props.selected}
          aria-controls={`${props.idPrefix}-panel`}
          tabIndex={tab.id === props.selected ? 0 : -1}
          onClick={() => props.onSelect(tab.id)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
