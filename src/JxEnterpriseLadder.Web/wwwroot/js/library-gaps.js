// BootstrapBlazor leaves a few things to the page (ADR 0014): a table's sort headers, page links, page-size choice and
// go-to box, and a tab strip's tabs, are not all reachable from the keyboard or named for a screen reader. This opens
// and names them on every page of the console, in the page's language, as the library renders and re-renders them.
(() => {
  const english = () => document.documentElement.lang === 'en';
  const t = (zh, en) => english() ? en : zh;
  const pressable = (el, label) => {
    if (label) el.setAttribute('aria-label', label);
    if (el.dataset.jxKeys) return;
    el.dataset.jxKeys = '1';
    el.tabIndex = 0;
    el.setAttribute('role', 'button');
    el.addEventListener('keydown', e => {
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); el.click(); }
    });
  };
  const fix = () => {
    document.querySelectorAll('.table-container th.sortable').forEach(th => {
      const icon = th.querySelector('.sort-icon');
      const up = icon && /sort-up|sort-alt|arrow-up/.test(icon.className) && !/sort-down/.test(icon.className);
      const down = icon && /sort-down/.test(icon.className);
      th.setAttribute('aria-sort', up ? 'ascending' : down ? 'descending' : 'none');
      const text = th.querySelector('.table-text');
      if (text) pressable(text, t(`按“${text.textContent.trim()}”排序`, `Sort by ${text.textContent.trim()}`));
    });
    document.querySelectorAll('.table-container .pagination .page-item').forEach(li => {
      const link = li.querySelector('.page-link');
      if (!link) return;
      const icon = link.querySelector('i');
      const label = !icon ? t(`第 ${link.textContent.trim()} 页`, `Page ${link.textContent.trim()}`)
        : /chevron-left/.test(icon.className) ? t('上一页', 'Previous page')
        : /chevron-right/.test(icon.className) ? t('下一页', 'Next page') : t('更多页', 'More pages');
      pressable(link, label);
      if (li.classList.contains('active')) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
    });
    document.querySelectorAll('.table-container .table-page-info input.form-select').forEach(i => i.setAttribute('aria-label', t('每页条数', 'Rows per page')));
    // Its buttons drop their words on a phone (icon only): the words stay as the button's name.
    document.querySelectorAll('.table-container button').forEach(b => {
      const words = b.querySelector('span.d-none');
      if (words && words.textContent.trim()) b.setAttribute('aria-label', words.textContent.trim());
    });
    // A card's fold bar (the query form's title) carries aria-expanded on a plain div: make it a button.
    document.querySelectorAll('.card-collapse-bar').forEach(bar => pressable(bar, bar.querySelector('.card-title')?.textContent.trim() || t('查询条件', 'Query')));
    // A table wider than its box scrolls inside it: the box takes the focus so the keyboard can scroll it.
    document.querySelectorAll('.table-responsive').forEach(box => { if (!box.hasAttribute('tabindex')) box.tabIndex = 0; });
    document.querySelectorAll('.layout-header-bar').forEach(bar => pressable(bar, t('展开或收起菜单', 'Open or close the menu')));
    document.querySelectorAll('.tabs [role=tab]').forEach(tab => {
      pressable(tab);
      tab.setAttribute('role', 'tab');
      tab.setAttribute('aria-selected', tab.closest('.tabs-item-wrap')?.classList.contains('active') ? 'true' : 'false');
    });
    // A field the library's form marks invalid tells a screen reader so too.
    document.querySelectorAll('.form-control, .form-select, .form-check-input').forEach(i => {
      if (i.classList.contains('is-invalid')) { i.setAttribute('aria-invalid', 'true'); i.dataset.jxInvalid = '1'; }
      else if (i.dataset.jxInvalid) { i.removeAttribute('aria-invalid'); delete i.dataset.jxInvalid; }
    });
    document.querySelectorAll('.table-container .page-goto input').forEach(i => i.setAttribute('aria-label', t('跳至第几页', 'Go to page')));
  };
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; fix(); });
  }).observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['class'] });
})();
