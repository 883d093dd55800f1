import type { ThemeConfig } from 'antd';

export const PLATFORM_TITLE = '江门市住宅专项维修资金管理平台';

/** A calm government blue; everything else is antd's default look. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1554ad',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', sans-serif",
  },
  components: {
    Layout: { headerBg: '#0f3d7a', siderBg: '#ffffff', headerHeight: 56, headerPadding: '0 24px' },
  },
};

const stillTheme: ThemeConfig = { ...theme, token: { ...theme.token, motion: false } };

/**
 * The theme as the user's system asks for it: with "reduce motion" on, dialogs, drawers and menus
 * open and close at once instead of zooming and sliding (WCAG 2.3.3).
 */
export function themeFor(reducedMotion: boolean): ThemeConfig {
  return reducedMotion ? stillTheme : theme;
}
