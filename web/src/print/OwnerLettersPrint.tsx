import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Result } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { PLATFORM_TITLE } from '../app/theme';
import type { LetterBatch, LettersPrintState } from '../features/owner-letters/api';
import { dayjs, PLATFORM_TIME_ZONE } from '../lib/dates';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { QrCode } from './QrCode';
import './print.css';
import './owner-letter.css';

const BACK = '/owner-letters';

/**
 * 业主告知书 (F-80), one sealed letter per A4 sheet: the house it is for on the outside; inside,
 * behind the tear line, the portal's address, the QR code of the binding page, the one-time code,
 * its expiry and what to do. The codes reach this page only through the browser's history entry
 * of the issuing step; nothing stores them, and a new tab has none.
 */
export function OwnerLettersPrint() {
  useDocumentTitle('业主告知书');
  const navigate = useNavigate();
  const state = useLocation().state as LettersPrintState | null;
  if (!state?.batch) {
    return (
      <Result
        status="info"
        title="没有可打印的业主告知书"
        subTitle="绑定码只在出具时显示一次。如需重新打印，请在“业主告知书”页面重新出具（原绑定码随之作废）。"
        extra={
          <Button type="primary" onClick={() => navigate(BACK)}>
            返回业主告知书
          </Button>
        }
      />
    );
  }
  const { batch } = state;
  return (
    <div className="print-screen">
      <div className="print-toolbar no-print">
        <Button type="primary" size="large" icon={<PrinterOutlined />} onClick={() => window.print()}>
          打印（{batch.items.length} 份）
        </Button>
        <Button size="large" icon={<ArrowLeftOutlined />} onClick={() => navigate(BACK)}>
          返回
        </Button>
      </div>
      {batch.items.map((letter, i) => (
        <Letter key={letter.letterId} letter={letter} batch={batch} index={i} />
      ))}
    </div>
  );
}

function Letter({ letter, batch, index }: { letter: LetterBatch['items'][number]; batch: LetterBatch; index: number }) {
  const portal = window.location.origin;
  // The QR code opens the binding page with this letter's house already chosen.
  const bindUrl = `${portal}${letter.bindPath}`;
  const expires = dayjs(batch.expiresAt).tz(PLATFORM_TIME_ZONE).format('YYYY年MM月DD日 HH:mm');
  const issued = dayjs().tz(PLATFORM_TIME_ZONE).format('YYYY年MM月DD日');
  const house = `${letter.area} ${letter.building}${letter.unit}${letter.room}`;
  return (
    <article className="print-sheet owner-letter" data-testid="owner-letter">
      <section className="owner-letter-cover">
        <p className="print-platform">{PLATFORM_TITLE}</p>
        <h1 className="print-title">业主告知书</h1>
        <p className="owner-letter-sealed">密 封 件 · 请房屋业主本人拆阅</p>
        <table className="owner-letter-address">
          <tbody>
            <tr>
              <th>房屋</th>
              <td>{house}</td>
            </tr>
            <tr>
              <th>房屋坐落</th>
              <td>{letter.address}</td>
            </tr>
            <tr>
              <th>收件人</th>
              <td>该房屋登记业主（收）</td>
            </tr>
          </tbody>
        </table>
      </section>
      <div className="owner-letter-tear" aria-hidden>
        <span>✂ 沿虚线撕开 · 内有绑定码，请勿转交他人</span>
      </div>
      <section className="owner-letter-inside">
        <div className="owner-letter-code-row">
          <div className="owner-letter-code-box">
            <p className="owner-letter-label">一次性绑定码</p>
            <p className="owner-letter-code" data-testid="owner-letter-code">
              {letter.code}
            </p>
            <p className="owner-letter-expiry">有效期至 {expires}</p>
          </div>
          <div className="owner-letter-qr">
            <QrCode value={bindUrl} size={120} />
            <p>手机扫码绑定</p>
          </div>
        </div>
        <p className="owner-letter-portal">
          门户网站：<strong>{portal}</strong>　业主服务 › 身份绑定
        </p>
        <h3>办理步骤</h3>
        <ol className="owner-letter-steps">
          <li>用手机扫描上方二维码，或在浏览器打开门户网站，点击“业主服务”，再点“绑定身份”。</li>
          <li>
            扫码打开时已选好房屋；在门户网站打开时，依次选择物业区域、楼幢和房号。请核对是否为：<strong>{house}</strong>。
          </li>
          <li>输入登记在该房屋下的业主证件号码和本告知书上的绑定码，并设置登录密码。</li>
          <li>绑定后，用证件号码和密码登录“业主服务”，即可查看房屋的维修资金余额、应交金额、分户账明细、维修项目与公示，并接收消息。</li>
        </ol>
        <h3>请注意</h3>
        <ul className="owner-letter-notes">
          <li>绑定码只能使用一次，过期失效；同一房屋每天最多可尝试 5 次。</li>
          <li>再次出具告知书后，本告知书的绑定码即作废。忘记密码时，可凭新的告知书重新绑定。</li>
          <li>工作人员不会向您索要绑定码或密码。如有疑问，请到维修资金管理部门窗口咨询。</li>
        </ul>
      </section>
      <footer className="owner-letter-foot">
        <span>出具日期：{issued}</span>
        <span>
          第 {index + 1} 页 / 共 {batch.items.length} 页
        </span>
      </footer>
    </article>
  );
}
