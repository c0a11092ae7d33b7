/**
 * A draggable, keyboard-movable divider between two panes (`role="separator"`).
 *
 * @module
 */
import type { JSX } from "preact";

/** Props of {@link Splitter}. */
export interface SplitterProps {
  label: string;
  /** The current position, as a percentage of the container's width. */
  value: number;
  min: number;
  max: number;
  onChange: (value: number) => void;
}

/** The divider: drag it, or focus it and use the arrow keys. */
export function Splitter(props: SplitterProps): JSX.Element {
  const clamp = (v: number) => Math.min(props.max, Math.max(props.min, v));
  const onPointerDown = (event: PointerEvent) => {
    const handle = event.currentTarget as HTMLElement;
    const container = handle.parentElement;
    if (!container) return;
    handle.setPointerCapture(event.pointerId);
    const box = container.getBoundingClientRect();
    const move = (e: PointerEvent) => props.onChange(clamp(((e.clientX - box.left) / box.width) * 100));
    const up = () => {
      handle.removeEventListener("pointermove", move);
      handle.removeEventListener("pointerup", up);
      document.body.classList.remove("resizing");
    };
    handle.addEventListener("pointermove", move);
    handle.addEventListener("pointerup", up);
    document.body.classList.add("resizing");
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.shiftKey ? 10 : 2;
    if (event.key === "ArrowLeft") props.onChange(clamp(props.value - step));
    else if (event.key === "ArrowRight") props.onChange(clamp(props.value + step));
    else return;
    event.preventDefault();
  };
  return (
    <div
      class="splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label={props.label}
      aria-valuenow={Math.round(props.value)}
      aria-valuemin={props.min}
      aria-valuemax={props.max}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  );
}
