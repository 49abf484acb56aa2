import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import type { Bilingual } from './api';
import { MESSAGES, type MessageKey } from './messages';

/** Chinese by default; the choice is remembered in the browser. */
export type Lang = 'zh' | 'en';
const LANG_KEY = 'kouan.lang';

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

type I18n = {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
  /** Picks the current language from a bilingual API message. */
  pick: (text: Bilingual | undefined | null) => string;
};

const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  const stored = localStorage.getItem(LANG_KEY);
  return stored === 'en' ? 'en' : 'zh';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(LANG_KEY, next);
    document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
    setLangState(next);
  }, []);
  const value = useMemo<I18n>(() => {
    const index = lang === 'zh' ? 0 : 1;
    const t: Translate = (key, vars) => {
      let text: string = MESSAGES[key][index];
      if (vars) for (const [name, v] of Object.entries(vars)) text = text.replaceAll(`{${name}}`, String(v));
      return text;
    };
    return { lang, setLang, t, pick: (text) => (text ? text[lang] : '') };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
