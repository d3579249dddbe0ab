import { render } from 'preact';
import '@/assets/styles/base.css';
import './popup.css';
import { connectAppStore } from '@/components/app-store';
import { PopupApp } from '@/components/shell/PopupApp';

connectAppStore();
render(<PopupApp />, document.getElementById('app')!);
