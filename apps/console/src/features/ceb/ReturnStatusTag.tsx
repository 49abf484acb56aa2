import { Tag } from 'antd';
import { useI18n } from '../../app/i18n';
import { returnStatusText } from './labels';

/** A receipt's returnStatus with its meaning: red for an error code, green for release, blue otherwise. */
export function ReturnStatusTag({ status }: { status: string }) {
  const { lang } = useI18n();
  const text = returnStatusText(status, lang);
  const colour = status.startsWith('-') || status === '100' ? 'red' : status === '800' ? 'green' : 'blue';
  return (
    <Tag
      color={colour}
      title={text ? `${status} ${text}` : status}
      style={{ maxWidth: 220, overflow: 'hidden', textOverflow: 'ellipsis', verticalAlign: 'middle' }}
    >
      {status}
      {text ? ` ${text}` : ''}
    </Tag>
  );
}
