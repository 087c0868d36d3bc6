/** The one element we add to a page: a shadow host that holds the tooltip (Preact), styles isolated. */
import { render } from 'preact';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { Tooltip, type TooltipProps } from '../../components/Tooltip';
import uiCss from '../../components/ui.css?inline';
import tooltipCss from '../../components/tooltip.css?inline';

export const SHADOW_HOST_NAME = 'corroborate-ui';

export interface TooltipUi {
  host: HTMLElement;
  show(props: TooltipProps): void;
  hide(): void;
  /** Whether an event happened inside our UI. */
  contains(event: Event): boolean;
}

export async function createTooltipUi(ctx: ContentScriptContext): Promise<TooltipUi> {
  const ui = await createShadowRootUi<HTMLElement>(ctx, {
    name: SHADOW_HOST_NAME,
    position: 'overlay',
    zIndex: 2147483647,
    // After <body>: frameworks that re-render the body do not remove it, and page layout cannot move.
    anchor: () => document.documentElement,
    append: 'last',
    css: `${uiCss}\n${tooltipCss}`,
    // Keys typed in the tooltip do not reach the page's own shortcuts.
    isolateEvents: true,
    onMount: (container) => container,
    onRemove: (container) => {
      if (container) render(null, container);
    },
  });
  ui.mount();
  const container = ui.uiContainer;
  return {
    host: ui.shadowHost,
    show(props) {
      render(<Tooltip {...props} />, container);
    },
    hide() {
      render(null, container);
    },
    contains(event) {
      return event.composedPath().includes(ui.shadowHost);
    },
  };
}
