import { render } from 'preact';
import '@/assets/styles/base.css';
import '@/components/aml/check-page.css';
import { connectAppStore } from '@/components/app-store';
import { applyDocumentLanguage } from '@/components/ui/document-language';
import { CheckApp } from '@/components/aml/CheckPage';

applyDocumentLanguage();
connectAppStore();
render(<CheckApp search={location.search} />, document.getElementById('app')!);
