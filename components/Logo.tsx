import iconUrl from './icon.svg';

/** The extension's icon beside its name (decorative: the heading names it). */
export function Logo() {
  return <img class="cb-logo" src={iconUrl} alt="" width={18} height={18} />;
}
