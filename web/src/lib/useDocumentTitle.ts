import { useEffect } from 'react';
import { PLATFORM_TITLE } from '../app/theme';

/** The browser tab's title: the page's name before the platform's, or the platform's alone (home page). */
export function useDocumentTitle(title?: string) {
  useEffect(() => {
    document.title = title ? `${title} - ${PLATFORM_TITLE}` : PLATFORM_TITLE;
  }, [title]);
}
