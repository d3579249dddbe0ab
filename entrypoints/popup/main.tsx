import { render } from 'preact';
import '@/assets/styles/base.css';
import './popup.css';
import { connectAppStore } from '@/components/app-store';
import { applyDocumentLanguage } from '@/components/ui/document-language';
import { PopupApp } from '@/components/shell/PopupApp';

applyDocumentLanguage();
connectAppStore();
render(<PopupApp />, document.getElementById('app')!);
