var O=globalThis,I=O.ShadowRoot&&(O.ShadyCSS===void 0||O.ShadyCSS.nativeShadow)&&"adoptedStyleSheets"in Document.prototype&&"replace"in CSSStyleSheet.prototype,U=Symbol(),X=new WeakMap,x=class{constructor(e,t,r){if(this._$cssResult$=!0,r!==U)throw Error("CSSResult is not constructable. Use `unsafeCSS` or `css` instead.");this.cssText=e,this.t=t}get styleSheet(){let e=this.o,t=this.t;if(I&&e===void 0){let r=t!==void 0&&t.length===1;r&&(e=X.get(t)),e===void 0&&((this.o=e=new CSSStyleSheet).replaceSync(this.cssText),r&&X.set(t,e))}return e}toString(){return this.cssText}},ee=i=>new x(typeof i=="string"?i:i+"",void 0,U),q=(i,...e)=>{let t=i.length===1?i[0]:e.reduce((r,s,n)=>r+(o=>{if(o._$cssResult$===!0)return o.cssText;if(typeof o=="number")return o;throw Error("Value passed to 'css' function must be a 'css' function result: "+o+". Use 'unsafeCSS' to pass non-literal values, but take care to ensure page security.")})(s)+i[n+1],i[0]);return new x(t,i,U)},te=(i,e)=>{if(I)i.adoptedStyleSheets=e.map(t=>t instanceof CSSStyleSheet?t:t.styleSheet);else for(let t of e){let r=document.createElement("style"),s=O.litNonce;s!==void 0&&r.setAttribute("nonce",s),r.textContent=t.cssText,i.appendChild(r)}},j=I?i=>i:i=>i instanceof CSSStyleSheet?(e=>{let t="";for(let r of e.cssRules)t+=r.cssText;return ee(t)})(i):i;var{is:Ee,defineProperty:xe,getOwnPropertyDescriptor:ke,getOwnPropertyNames:Pe,getOwnPropertySymbols:Ce,getPrototypeOf:Re}=Object,N=globalThis,re=N.trustedTypes,Me=re?re.emptyScript:"",ze=N.reactiveElementPolyfillSupport,k=(i,e)=>i,D={toAttribute(i,e){switch(e){case Boolean:i=i?Me:null;break;case Object:case Array:i=i==null?i:JSON.stringify(i)}return i},fromAttribute(i,e){let t=i;switch(e){case Boolean:t=i!==null;break;case Number:t=i===null?null:Number(i);break;case Object:case Array:try{t=JSON.parse(i)}catch{t=null}}return t}},ne=(i,e)=>!Ee(i,e),se={attribute:!0,type:String,converter:D,reflect:!1,useDefault:!1,hasChanged:ne};Symbol.metadata??=Symbol("metadata"),N.litPropertyMetadata??=new WeakMap;var g=class extends HTMLElement{static addInitializer(e){this._$Ei(),(this.l??=[]).push(e)}static get observedAttributes(){return this.finalize(),this._$Eh&&[...this._$Eh.keys()]}static createProperty(e,t=se){if(t.state&&(t.attribute=!1),this._$Ei(),this.prototype.hasOwnProperty(e)&&((t=Object.create(t)).wrapped=!0),this.elementProperties.set(e,t),!t.noAccessor){let r=Symbol(),s=this.getPropertyDescriptor(e,r,t);s!==void 0&&xe(this.prototype,e,s)}}static getPropertyDescriptor(e,t,r){let{get:s,set:n}=ke(this.prototype,e)??{get(){return this[t]},set(o){this[t]=o}};return{get:s,set(o){let l=s?.call(this);n?.call(this,o),this.requestUpdate(e,l,r)},configurable:!0,enumerable:!0}}static getPropertyOptions(e){return this.elementProperties.get(e)??se}static _$Ei(){if(this.hasOwnProperty(k("elementProperties")))return;let e=Re(this);e.finalize(),e.l!==void 0&&(this.l=[...e.l]),this.elementProperties=new Map(e.elementProperties)}static finalize(){if(this.hasOwnProperty(k("finalized")))return;if(this.finalized=!0,this._$Ei(),this.hasOwnProperty(k("properties"))){let t=this.properties,r=[...Pe(t),...Ce(t)];for(let s of r)this.createProperty(s,t[s])}let e=this[Symbol.metadata];if(e!==null){let t=litPropertyMetadata.get(e);if(t!==void 0)for(let[r,s]of t)this.elementProperties.set(r,s)}this._$Eh=new Map;for(let[t,r]of this.elementProperties){let s=this._$Eu(t,r);s!==void 0&&this._$Eh.set(s,t)}this.elementStyles=this.finalizeStyles(this.styles)}static finalizeStyles(e){let t=[];if(Array.isArray(e)){let r=new Set(e.flat(1/0).reverse());for(let s of r)t.unshift(j(s))}else e!==void 0&&t.push(j(e));return t}static _$Eu(e,t){let r=t.attribute;return r===!1?void 0:typeof r=="string"?r:typeof e=="string"?e.toLowerCase():void 0}constructor(){super(),this._$Ep=void 0,this.isUpdatePending=!1,this.hasUpdated=!1,this._$Em=null,this._$Ev()}_$Ev(){this._$ES=new Promise(e=>this.enableUpdating=e),this._$AL=new Map,this._$E_(),this.requestUpdate(),this.constructor.l?.forEach(e=>e(this))}addController(e){(this._$EO??=new Set).add(e),this.renderRoot!==void 0&&this.isConnected&&e.hostConnected?.()}removeController(e){this._$EO?.delete(e)}_$E_(){let e=new Map,t=this.constructor.elementProperties;for(let r of t.keys())this.hasOwnProperty(r)&&(e.set(r,this[r]),delete this[r]);e.size>0&&(this._$Ep=e)}createRenderRoot(){let e=this.shadowRoot??this.attachShadow(this.constructor.shadowRootOptions);return te(e,this.constructor.elementStyles),e}connectedCallback(){this.renderRoot??=this.createRenderRoot(),this.enableUpdating(!0),this._$EO?.forEach(e=>e.hostConnected?.())}enableUpdating(e){}disconnectedCallback(){this._$EO?.forEach(e=>e.hostDisconnected?.())}attributeChangedCallback(e,t,r){this._$AK(e,r)}_$ET(e,t){let r=this.constructor.elementProperties.get(e),s=this.constructor._$Eu(e,r);if(s!==void 0&&r.reflect===!0){let n=(r.converter?.toAttribute!==void 0?r.converter:D).toAttribute(t,r.type);this._$Em=e,n==null?this.removeAttribute(s):this.setAttribute(s,n),this._$Em=null}}_$AK(e,t){let r=this.constructor,s=r._$Eh.get(e);if(s!==void 0&&this._$Em!==s){let n=r.getPropertyOptions(s),o=typeof n.converter=="function"?{fromAttribute:n.converter}:n.converter?.fromAttribute!==void 0?n.converter:D;this._$Em=s;let l=o.fromAttribute(t,n.type);this[s]=l??this._$Ej?.get(s)??l,this._$Em=null}}requestUpdate(e,t,r,s=!1,n){if(e!==void 0){let o=this.constructor;if(s===!1&&(n=this[e]),r??=o.getPropertyOptions(e),!((r.hasChanged??ne)(n,t)||r.useDefault&&r.reflect&&n===this._$Ej?.get(e)&&!this.hasAttribute(o._$Eu(e,r))))return;this.C(e,t,r)}this.isUpdatePending===!1&&(this._$ES=this._$EP())}C(e,t,{useDefault:r,reflect:s,wrapped:n},o){r&&!(this._$Ej??=new Map).has(e)&&(this._$Ej.set(e,o??t??this[e]),n!==!0||o!==void 0)||(this._$AL.has(e)||(this.hasUpdated||r||(t=void 0),this._$AL.set(e,t)),s===!0&&this._$Em!==e&&(this._$Eq??=new Set).add(e))}async _$EP(){this.isUpdatePending=!0;try{await this._$ES}catch(t){Promise.reject(t)}let e=this.scheduleUpdate();return e!=null&&await e,!this.isUpdatePending}scheduleUpdate(){return this.performUpdate()}performUpdate(){if(!this.isUpdatePending)return;if(!this.hasUpdated){if(this.renderRoot??=this.createRenderRoot(),this._$Ep){for(let[s,n]of this._$Ep)this[s]=n;this._$Ep=void 0}let r=this.constructor.elementProperties;if(r.size>0)for(let[s,n]of r){let{wrapped:o}=n,l=this[s];o!==!0||this._$AL.has(s)||l===void 0||this.C(s,void 0,n,l)}}let e=!1,t=this._$AL;try{e=this.shouldUpdate(t),e?(this.willUpdate(t),this._$EO?.forEach(r=>r.hostUpdate?.()),this.update(t)):this._$EM()}catch(r){throw e=!1,this._$EM(),r}e&&this._$AE(t)}willUpdate(e){}_$AE(e){this._$EO?.forEach(t=>t.hostUpdated?.()),this.hasUpdated||(this.hasUpdated=!0,this.firstUpdated(e)),this.updated(e)}_$EM(){this._$AL=new Map,this.isUpdatePending=!1}get updateComplete(){return this.getUpdateComplete()}getUpdateComplete(){return this._$ES}shouldUpdate(e){return!0}update(e){this._$Eq&&=this._$Eq.forEach(t=>this._$ET(t,this[t])),this._$EM()}updated(e){}firstUpdated(e){}};g.elementStyles=[],g.shadowRootOptions={mode:"open"},g[k("elementProperties")]=new Map,g[k("finalized")]=new Map,ze?.({ReactiveElement:g}),(N.reactiveElementVersions??=[]).push("2.1.2");var J=globalThis,ie=i=>i,L=J.trustedTypes,oe=L?L.createPolicy("lit-html",{createHTML:i=>i}):void 0,de="$lit$",v=`lit$${Math.random().toFixed(9).slice(2)}$`,me="?"+v,Te=`<${me}>`,$=document,C=()=>$.createComment(""),R=i=>i===null||typeof i!="object"&&typeof i!="function",Z=Array.isArray,He=i=>Z(i)||typeof i?.[Symbol.iterator]=="function",W=`[ 	
\f\r]`,P=/<(?:(!--|\/[^a-zA-Z])|(\/?[a-zA-Z][^>\s]*)|(\/?$))/g,ae=/-->/g,le=/>/g,_=RegExp(`>|${W}(?:([^\\s"'>=/]+)(${W}*=${W}*(?:[^ 	
\f\r"'\`<>=]|("|')|))|$)`,"g"),ce=/'/g,ue=/"/g,pe=/^(?:script|style|textarea|title)$/i,Q=i=>(e,...t)=>({_$litType$:i,strings:e,values:t}),u=Q(1),Je=Q(2),Ze=Q(3),w=Symbol.for("lit-noChange"),c=Symbol.for("lit-nothing"),he=new WeakMap,y=$.createTreeWalker($,129);function ge(i,e){if(!Z(i)||!i.hasOwnProperty("raw"))throw Error("invalid template strings array");return oe!==void 0?oe.createHTML(e):e}var Oe=(i,e)=>{let t=i.length-1,r=[],s,n=e===2?"<svg>":e===3?"<math>":"",o=P;for(let l=0;l<t;l++){let a=i[l],d,m,h=-1,p=0;for(;p<a.length&&(o.lastIndex=p,m=o.exec(a),m!==null);)p=o.lastIndex,o===P?m[1]==="!--"?o=ae:m[1]!==void 0?o=le:m[2]!==void 0?(pe.test(m[2])&&(s=RegExp("</"+m[2],"g")),o=_):m[3]!==void 0&&(o=_):o===_?m[0]===">"?(o=s??P,h=-1):m[1]===void 0?h=-2:(h=o.lastIndex-m[2].length,d=m[1],o=m[3]===void 0?_:m[3]==='"'?ue:ce):o===ue||o===ce?o=_:o===ae||o===le?o=P:(o=_,s=void 0);let f=o===_&&i[l+1].startsWith("/>")?" ":"";n+=o===P?a+Te:h>=0?(r.push(d),a.slice(0,h)+de+a.slice(h)+v+f):a+v+(h===-2?l:f)}return[ge(i,n+(i[t]||"<?>")+(e===2?"</svg>":e===3?"</math>":"")),r]},M=class i{constructor({strings:e,_$litType$:t},r){let s;this.parts=[];let n=0,o=0,l=e.length-1,a=this.parts,[d,m]=Oe(e,t);if(this.el=i.createElement(d,r),y.currentNode=this.el.content,t===2||t===3){let h=this.el.content.firstChild;h.replaceWith(...h.childNodes)}for(;(s=y.nextNode())!==null&&a.length<l;){if(s.nodeType===1){if(s.hasAttributes())for(let h of s.getAttributeNames())if(h.endsWith(de)){let p=m[o++],f=s.getAttribute(h).split(v),H=/([.?@])?(.*)/.exec(p);a.push({type:1,index:n,name:H[2],strings:f,ctor:H[1]==="."?B:H[1]==="?"?F:H[1]==="@"?K:E}),s.removeAttribute(h)}else h.startsWith(v)&&(a.push({type:6,index:n}),s.removeAttribute(h));if(pe.test(s.tagName)){let h=s.textContent.split(v),p=h.length-1;if(p>0){s.textContent=L?L.emptyScript:"";for(let f=0;f<p;f++)s.append(h[f],C()),y.nextNode(),a.push({type:2,index:++n});s.append(h[p],C())}}}else if(s.nodeType===8)if(s.data===me)a.push({type:2,index:n});else{let h=-1;for(;(h=s.data.indexOf(v,h+1))!==-1;)a.push({type:7,index:n}),h+=v.length-1}n++}}static createElement(e,t){let r=$.createElement("template");return r.innerHTML=e,r}};function A(i,e,t=i,r){if(e===w)return e;let s=r!==void 0?t._$Co?.[r]:t._$Cl,n=R(e)?void 0:e._$litDirective$;return s?.constructor!==n&&(s?._$AO?.(!1),n===void 0?s=void 0:(s=new n(i),s._$AT(i,t,r)),r!==void 0?(t._$Co??=[])[r]=s:t._$Cl=s),s!==void 0&&(e=A(i,s._$AS(i,e.values),s,r)),e}var V=class{constructor(e,t){this._$AV=[],this._$AN=void 0,this._$AD=e,this._$AM=t}get parentNode(){return this._$AM.parentNode}get _$AU(){return this._$AM._$AU}u(e){let{el:{content:t},parts:r}=this._$AD,s=(e?.creationScope??$).importNode(t,!0);y.currentNode=s;let n=y.nextNode(),o=0,l=0,a=r[0];for(;a!==void 0;){if(o===a.index){let d;a.type===2?d=new z(n,n.nextSibling,this,e):a.type===1?d=new a.ctor(n,a.name,a.strings,this,e):a.type===6&&(d=new G(n,this,e)),this._$AV.push(d),a=r[++l]}o!==a?.index&&(n=y.nextNode(),o++)}return y.currentNode=$,s}p(e){let t=0;for(let r of this._$AV)r!==void 0&&(r.strings!==void 0?(r._$AI(e,r,t),t+=r.strings.length-2):r._$AI(e[t])),t++}},z=class i{get _$AU(){return this._$AM?._$AU??this._$Cv}constructor(e,t,r,s){this.type=2,this._$AH=c,this._$AN=void 0,this._$AA=e,this._$AB=t,this._$AM=r,this.options=s,this._$Cv=s?.isConnected??!0}get parentNode(){let e=this._$AA.parentNode,t=this._$AM;return t!==void 0&&e?.nodeType===11&&(e=t.parentNode),e}get startNode(){return this._$AA}get endNode(){return this._$AB}_$AI(e,t=this){e=A(this,e,t),R(e)?e===c||e==null||e===""?(this._$AH!==c&&this._$AR(),this._$AH=c):e!==this._$AH&&e!==w&&this._(e):e._$litType$!==void 0?this.$(e):e.nodeType!==void 0?this.T(e):He(e)?this.k(e):this._(e)}O(e){return this._$AA.parentNode.insertBefore(e,this._$AB)}T(e){this._$AH!==e&&(this._$AR(),this._$AH=this.O(e))}_(e){this._$AH!==c&&R(this._$AH)?this._$AA.nextSibling.data=e:this.T($.createTextNode(e)),this._$AH=e}$(e){let{values:t,_$litType$:r}=e,s=typeof r=="number"?this._$AC(e):(r.el===void 0&&(r.el=M.createElement(ge(r.h,r.h[0]),this.options)),r);if(this._$AH?._$AD===s)this._$AH.p(t);else{let n=new V(s,this),o=n.u(this.options);n.p(t),this.T(o),this._$AH=n}}_$AC(e){let t=he.get(e.strings);return t===void 0&&he.set(e.strings,t=new M(e)),t}k(e){Z(this._$AH)||(this._$AH=[],this._$AR());let t=this._$AH,r,s=0;for(let n of e)s===t.length?t.push(r=new i(this.O(C()),this.O(C()),this,this.options)):r=t[s],r._$AI(n),s++;s<t.length&&(this._$AR(r&&r._$AB.nextSibling,s),t.length=s)}_$AR(e=this._$AA.nextSibling,t){for(this._$AP?.(!1,!0,t);e!==this._$AB;){let r=ie(e).nextSibling;ie(e).remove(),e=r}}setConnected(e){this._$AM===void 0&&(this._$Cv=e,this._$AP?.(e))}},E=class{get tagName(){return this.element.tagName}get _$AU(){return this._$AM._$AU}constructor(e,t,r,s,n){this.type=1,this._$AH=c,this._$AN=void 0,this.element=e,this.name=t,this._$AM=s,this.options=n,r.length>2||r[0]!==""||r[1]!==""?(this._$AH=Array(r.length-1).fill(new String),this.strings=r):this._$AH=c}_$AI(e,t=this,r,s){let n=this.strings,o=!1;if(n===void 0)e=A(this,e,t,0),o=!R(e)||e!==this._$AH&&e!==w,o&&(this._$AH=e);else{let l=e,a,d;for(e=n[0],a=0;a<n.length-1;a++)d=A(this,l[r+a],t,a),d===w&&(d=this._$AH[a]),o||=!R(d)||d!==this._$AH[a],d===c?e=c:e!==c&&(e+=(d??"")+n[a+1]),this._$AH[a]=d}o&&!s&&this.j(e)}j(e){e===c?this.element.removeAttribute(this.name):this.element.setAttribute(this.name,e??"")}},B=class extends E{constructor(){super(...arguments),this.type=3}j(e){this.element[this.name]=e===c?void 0:e}},F=class extends E{constructor(){super(...arguments),this.type=4}j(e){this.element.toggleAttribute(this.name,!!e&&e!==c)}},K=class extends E{constructor(e,t,r,s,n){super(e,t,r,s,n),this.type=5}_$AI(e,t=this){if((e=A(this,e,t,0)??c)===w)return;let r=this._$AH,s=e===c&&r!==c||e.capture!==r.capture||e.once!==r.once||e.passive!==r.passive,n=e!==c&&(r===c||s);s&&this.element.removeEventListener(this.name,this,r),n&&this.element.addEventListener(this.name,this,e),this._$AH=e}handleEvent(e){typeof this._$AH=="function"?this._$AH.call(this.options?.host??this.element,e):this._$AH.handleEvent(e)}},G=class{constructor(e,t,r){this.element=e,this.type=6,this._$AN=void 0,this._$AM=t,this.options=r}get _$AU(){return this._$AM._$AU}_$AI(e){A(this,e)}};var Ie=J.litHtmlPolyfillSupport;Ie?.(M,z),(J.litHtmlVersions??=[]).push("3.3.3");var fe=(i,e,t)=>{let r=t?.renderBefore??e,s=r._$litPart$;if(s===void 0){let n=t?.renderBefore??null;r._$litPart$=s=new z(e.insertBefore(C(),n),n,void 0,t??{})}return s._$AI(i),s};var Y=globalThis,b=class extends g{constructor(){super(...arguments),this.renderOptions={host:this},this._$Do=void 0}createRenderRoot(){let e=super.createRenderRoot();return this.renderOptions.renderBefore??=e.firstChild,e}update(e){let t=this.render();this.hasUpdated||(this.renderOptions.isConnected=this.isConnected),super.update(e),this._$Do=fe(t,this.renderRoot,this.renderOptions)}connectedCallback(){super.connectedCallback(),this._$Do?.setConnected(!0)}disconnectedCallback(){super.disconnectedCallback(),this._$Do?.setConnected(!1)}render(){return w}};b._$litElement$=!0,b.finalized=!0,Y.litElementHydrateSupport?.({LitElement:b});var Ne=Y.litElementPolyfillSupport;Ne?.({LitElement:b});(Y.litElementVersions??=[]).push("4.2.2");var ve=q`
  :host {
    --_text: var(--mc-color-text, #1f2328);
    --_background: var(--mc-color-background, #ffffff);
    --_muted: var(--mc-color-muted, #4b5563);
    --_accent: var(--mc-color-accent, #1d4ed8);
    --_accent-text: var(--mc-color-accent-text, #ffffff);
    --_border: var(--mc-color-border, #8c959f);
    --_error: var(--mc-color-error, #b42318);
    --_surface: var(--mc-color-surface, #f6f8fa);
    display: block;
    font: inherit;
    font-family: var(--mc-font-family, inherit);
    line-height: 1.5;
    color: var(--_text);
    background: var(--_background);
    border-radius: var(--mc-radius, 8px);
    padding: var(--mc-spacing, 1rem);
    max-width: var(--mc-max-width, 48rem);
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme="light"])) {
      --_text: var(--mc-color-text, #e6edf3);
      --_background: var(--mc-color-background, #0d1117);
      --_muted: var(--mc-color-muted, #b1bac4);
      --_accent: var(--mc-color-accent, #4493f8);
      --_accent-text: var(--mc-color-accent-text, #0d1117);
      --_border: var(--mc-color-border, #8b949e);
      --_error: var(--mc-color-error, #ff7b72);
      --_surface: var(--mc-color-surface, #161b22);
    }
  }
  :host([theme="dark"]) {
    --_text: var(--mc-color-text, #e6edf3);
    --_background: var(--mc-color-background, #0d1117);
    --_muted: var(--mc-color-muted, #b1bac4);
    --_accent: var(--mc-color-accent, #4493f8);
    --_accent-text: var(--mc-color-accent-text, #0d1117);
    --_border: var(--mc-color-border, #8b949e);
    --_error: var(--mc-color-error, #ff7b72);
    --_surface: var(--mc-color-surface, #161b22);
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  .title {
    font-size: 1.375em;
    margin: 0 0 0.5em;
  }
  h3 {
    font-size: 1.125em;
    margin: 1.25em 0 0.5em;
  }
  h4 {
    font-size: 1em;
    margin: 0;
  }
  .intro,
  .hint,
  .score,
  .reference {
    color: var(--_muted);
  }
  .hint {
    margin: 0.25em 0;
    font-size: 0.875em;
  }
  .field {
    margin: 0 0 1em;
    display: flex;
    flex-direction: column;
    gap: 0.25em;
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--mc-radius, 8px);
    padding: 0.5em 0.75em 0.75em;
  }
  legend,
  label {
    font-weight: 600;
  }
  .choice {
    font-weight: normal;
    display: flex;
    gap: 0.5em;
    align-items: flex-start;
    padding: 0.125em 0;
  }
  .choice input {
    margin-top: 0.3em;
  }
  input,
  select,
  button {
    font: inherit;
    color: inherit;
  }
  select,
  input:not([type="checkbox"]) {
    background: var(--_background);
    border: 1px solid var(--_border);
    border-radius: calc(var(--mc-radius, 8px) / 2);
    padding: 0.375em 0.5em;
    min-height: 2.5em;
    max-width: 100%;
  }
  input[type="checkbox"] {
    accent-color: var(--_accent);
    width: 1.125em;
    height: 1.125em;
  }
  button {
    background: var(--_accent);
    color: var(--_accent-text);
    border: 0;
    border-radius: calc(var(--mc-radius, 8px) / 2);
    padding: 0.5em 1em;
    min-height: 2.75em;
    font-weight: 600;
    cursor: pointer;
  }
  :focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  details.optional {
    margin: 0 0 1em;
  }
  summary {
    cursor: pointer;
    color: var(--_accent);
    font-weight: 600;
    padding: 0.25em 0;
  }
  details.optional[open] > summary {
    margin-bottom: 0.75em;
  }
  .headline {
    font-size: 1.125em;
    font-weight: 600;
  }
  .ranking {
    padding: 0;
    list-style: none;
    display: grid;
    gap: 0.75em;
  }
  .variant {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--mc-radius, 8px);
    padding: 0.75em 1em;
  }
  .score {
    margin: 0.125em 0 0.5em;
  }
  .list-title {
    font-weight: 600;
    margin: 0.5em 0 0.25em;
  }
  ul {
    margin: 0;
    padding-inline-start: 1.25em;
  }
  a {
    color: var(--_accent);
  }
  .error-message {
    color: var(--_error);
    font-weight: 600;
  }
  [role="alert"]:focus {
    outline: none;
  }
  .reference {
    font-size: 0.875em;
  }
`;var be={title:"Finden Sie Ihren Entwicklungsweg",intro:"Beantworten Sie ein paar Fragen und erfahren Sie, ob Mentoring, Coaching oder eine Kombination aus beidem am besten zu Ihnen passt.",careerStage:"Karrierestufe",careerStages:{early:"Berufseinstieg",mid:"Mitte der Laufbahn",senior:"Senior-Position",executive:"Top-Management"},goals:"Was möchten Sie mit Ihrer Entwicklung erreichen?",goalsHint:"Wählen Sie mindestens ein Ziel.",goalLabels:{career_navigation:"Meine Laufbahn langfristig ausrichten",network_building:"Mein Netzwerk ausbauen",industry_knowledge:"Meine Branche besser verstehen",specific_skill:"Eine bestimmte Fähigkeit aufbauen",performance_improvement:"Meine Leistung verbessern",behaviour_change:"Eine Gewohnheit oder ein Verhalten ändern",immediate_challenge:"Eine aktuelle Herausforderung meistern",leadership_development:"Mich als Führungskraft weiterentwickeln",advancement_visibility:"Sichtbarer werden, um aufzusteigen",digital_fluency:"Sicherer mit digitalen Werkzeugen umgehen",peer_learning:"Mit Kolleginnen und Kollegen auf meiner Ebene lernen"},horizon:"Wie weit planen Sie voraus?",horizons:{4:"Etwa einen Monat",13:"Etwa drei Monate",26:"Etwa sechs Monate",52:"Etwa ein Jahr",104:"Zwei Jahre oder länger"},hoursPerWeek:"Verfügbare Stunden pro Woche",hoursHint:"Zum Beispiel 1,5",minutesPerSession:"Längste mögliche Sitzung",optional:"Mehr über Sie (optional)",urgent:"Ich brauche sofort Unterstützung",relationship:"Von wem möchten Sie lernen?",relationships:{no_preference:"Keine Präferenz",single_senior:"Von einer erfahreneren Person",several_mentors:"Von mehreren Mentorinnen und Mentoren, je für einen Bereich",peers:"Von Kolleginnen und Kollegen auf meiner Ebene",junior_colleagues:"Von jüngeren Kolleginnen und Kollegen (Reverse Mentoring)",ai_tool:"Mit einem KI-Tool oder im Selbststudium"},structure:"Wie strukturiert soll es sein?",structures:{no_preference:"Keine Präferenz",informal:"Informell",semi_structured:"Teilweise strukturiert",structured:"Strukturiert, mit festem Programm"},context:"Was steht Ihnen zur Verfügung?",contexts:{coach_budget:"Budget für einen externen Coach",sponsors_available:"Eine erfahrene Person, die sich für mich einsetzt",peers_available:"Kolleginnen und Kollegen in einer ähnlichen Phase",ai_acceptable:"KI-gestütztes Coaching ist für mich in Ordnung",senior_learns_from_juniors:"Ich bin Führungskraft und möchte von Jüngeren lernen"},submit:"Meine Empfehlung anzeigen",loading:"Die passende Option wird gesucht …",resultsTitle:"Ihre Empfehlung",topThree:"Ihre drei besten Optionen",fit:"Passung: {percent}",reasons:"Warum es passt",cautions:"Worauf Sie achten sollten",about:"Mehr über {name}",openContent:"Mehr zu {name} lesen",growthPlan:"Ein Entwicklungsplan",weeks:{one:"# Woche",other:"# Wochen"},sessions:{one:"# Sitzung pro Monat",other:"# Sitzungen pro Monat"},minutes:{one:"# Minute",other:"# Minuten"},counterfactual:"Was die Empfehlung ändern würde",changeAnswers:"Meine Angaben ändern",reference:"Referenz: {id}",originNotAllowed:"Der Empfehlungsassistent ist auf dieser Website nicht verfügbar.",originHint:"Wenn Sie diese Website betreiben, fordern Sie einen Schlüssel an, der die Adresse dieser Seite enthält.",unauthorized:"Der Schlüssel des Empfehlungsassistenten ist ungültig oder wurde widerrufen.",rateLimited:{one:"Zu viele Anfragen. Bitte versuchen Sie es in # Sekunde erneut.",other:"Zu viele Anfragen. Bitte versuchen Sie es in # Sekunden erneut."},unavailable:"Der Empfehlungsassistent ist gerade nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.",invalid:"Bitte prüfen Sie Ihre Angaben:",notFramed:"Diese Seite funktioniert nur eingebettet in die Website eines Partners.",goalsRequired:"Wählen Sie mindestens ein Ziel.",hoursInvalid:"Geben Sie eine Stundenzahl zwischen 0,05 und 40 ein.",missingKey:"Dem Empfehlungsassistenten fehlt der Schlüssel (das Attribut api-key)."};var S={title:"Find your development path",intro:"Answer a few questions to see whether mentoring, coaching or a blend of both suits you best.",careerStage:"Career stage",careerStages:{early:"Early career",mid:"Mid-career",senior:"Senior",executive:"Executive"},goals:"What do you want from your development?",goalsHint:"Choose at least one.",goalLabels:{career_navigation:"Finding my way in my career over the long term",network_building:"Building my network",industry_knowledge:"Learning how my industry works",specific_skill:"Building a specific skill",performance_improvement:"Improving my performance",behaviour_change:"Changing a habit or behaviour",immediate_challenge:"Handling a challenge I face now",leadership_development:"Growing as a leader",advancement_visibility:"Getting noticed for promotion",digital_fluency:"Becoming confident with digital tools",peer_learning:"Learning with colleagues at my level"},horizon:"How far ahead are you planning?",horizons:{4:"About a month",13:"About three months",26:"About six months",52:"About a year",104:"Two years or more"},hoursPerWeek:"Hours a week you can give",hoursHint:"For example 1.5",minutesPerSession:"Longest session you can attend",optional:"More about you (optional)",urgent:"I need help right now",relationship:"Who would you like to learn from?",relationships:{no_preference:"No preference",single_senior:"One more experienced person",several_mentors:"Several mentors, each for one area",peers:"Colleagues at my level",junior_colleagues:"Younger colleagues (reverse mentoring)",ai_tool:"An AI or self-paced tool"},structure:"How structured should it be?",structures:{no_preference:"No preference",informal:"Informal",semi_structured:"Somewhat structured",structured:"Structured, with a set programme"},context:"What is available to you?",contexts:{coach_budget:"Budget for an external coach",sponsors_available:"A senior sponsor or advocate",peers_available:"Colleagues at a similar stage",ai_acceptable:"AI coaching tools are fine for me",senior_learns_from_juniors:"I am a senior leader open to learning from junior staff"},submit:"Show my recommendation",loading:"Finding the best fit…",resultsTitle:"Your recommendation",topThree:"Your top three",fit:"{percent} fit",reasons:"Why it fits",cautions:"Keep in mind",about:"More about {name}",openContent:"Read more about {name}",growthPlan:"A growth plan",weeks:{one:"# week",other:"# weeks"},sessions:{one:"# session a month",other:"# sessions a month"},minutes:{one:"# minute",other:"# minutes"},counterfactual:"What would change it",changeAnswers:"Change my answers",reference:"Reference: {id}",originNotAllowed:"The recommender is not available on this site.",originHint:"If you run this site, ask for a key that lists this page’s address.",unauthorized:"The recommender’s key is not valid or has been revoked.",rateLimited:{one:"Too many requests right now. Please try again in # second.",other:"Too many requests right now. Please try again in # seconds."},unavailable:"The recommender is unavailable right now. Please try again shortly.",invalid:"Please check your answers:",notFramed:"This page only works inside a partner’s site.",goalsRequired:"Choose at least one goal.",hoursInvalid:"Enter a number of hours between 0.05 and 40.",missingKey:"The recommender has no key (the api-key attribute)."};var _e={title:"Encuentra tu camino de desarrollo",intro:"Responde a unas preguntas y descubre si te conviene más la mentoría, el coaching o una combinación de ambos.",careerStage:"Etapa profesional",careerStages:{early:"Inicio de carrera",mid:"Mitad de carrera",senior:"Perfil sénior",executive:"Alta dirección"},goals:"¿Qué esperas de tu desarrollo?",goalsHint:"Elige al menos uno.",goalLabels:{career_navigation:"Orientar mi carrera a largo plazo",network_building:"Ampliar mi red de contactos",industry_knowledge:"Conocer a fondo mi sector",specific_skill:"Desarrollar una habilidad concreta",performance_improvement:"Mejorar mi rendimiento",behaviour_change:"Cambiar un hábito o una conducta",immediate_challenge:"Afrontar un reto que tengo ahora",leadership_development:"Crecer como líder",advancement_visibility:"Ganar visibilidad para ascender",digital_fluency:"Manejar con soltura las herramientas digitales",peer_learning:"Aprender con compañeros de mi mismo nivel"},horizon:"¿A qué plazo lo planteas?",horizons:{4:"Alrededor de un mes",13:"Unos tres meses",26:"Unos seis meses",52:"Alrededor de un año",104:"Dos años o más"},hoursPerWeek:"Horas a la semana que puedes dedicarle",hoursHint:"Por ejemplo, 1,5",minutesPerSession:"Duración máxima de una sesión",optional:"Más sobre ti (opcional)",urgent:"Necesito ayuda ahora mismo",relationship:"¿De quién te gustaría aprender?",relationships:{no_preference:"Sin preferencia",single_senior:"De una persona con más experiencia",several_mentors:"De varios mentores, cada uno en un ámbito",peers:"De compañeros de mi nivel",junior_colleagues:"De colegas más jóvenes (mentoría inversa)",ai_tool:"De una herramienta de IA o por mi cuenta"},structure:"¿Qué grado de estructura prefieres?",structures:{no_preference:"Sin preferencia",informal:"Informal",semi_structured:"Algo estructurado",structured:"Estructurado, con un programa definido"},context:"¿Con qué cuentas?",contexts:{coach_budget:"Presupuesto para un coach externo",sponsors_available:"Una persona sénior que me respalde",peers_available:"Compañeros en una etapa similar",ai_acceptable:"Me parecen bien las herramientas de coaching con IA",senior_learns_from_juniors:"Ocupo un puesto directivo y quiero aprender de personas con menos experiencia"},submit:"Ver mi recomendación",loading:"Buscando la opción que mejor encaja…",resultsTitle:"Tu recomendación",topThree:"Tus tres mejores opciones",fit:"Afinidad: {percent}",reasons:"Por qué encaja",cautions:"Ten en cuenta",about:"Más sobre {name}",openContent:"Leer más sobre {name}",growthPlan:"Un plan de crecimiento",weeks:{one:"# semana",other:"# semanas"},sessions:{one:"# sesión al mes",other:"# sesiones al mes"},minutes:{one:"# minuto",other:"# minutos"},counterfactual:"Qué cambiaría la recomendación",changeAnswers:"Cambiar mis respuestas",reference:"Referencia: {id}",originNotAllowed:"El recomendador no está disponible en este sitio.",originHint:"Si gestionas este sitio, solicita una clave que incluya la dirección de esta página.",unauthorized:"La clave del recomendador no es válida o se ha revocado.",rateLimited:{one:"Hay demasiadas solicitudes en este momento. Vuelve a intentarlo dentro de # segundo.",other:"Hay demasiadas solicitudes en este momento. Vuelve a intentarlo dentro de # segundos."},unavailable:"El recomendador no está disponible en este momento. Vuelve a intentarlo en breve.",invalid:"Revisa tus respuestas:",notFramed:"Esta página solo funciona dentro del sitio de un socio.",goalsRequired:"Elige al menos un objetivo.",hoursInvalid:"Indica un número de horas entre 0,05 y 40.",missingKey:"Falta la clave del recomendador (el atributo api-key)."};var ye={title:"Trouvez votre voie de développement",intro:"Répondez à quelques questions pour savoir si le mentorat, le coaching ou une combinaison des deux vous convient le mieux.",careerStage:"Étape de carrière",careerStages:{early:"Début de carrière",mid:"Milieu de carrière",senior:"Profil senior",executive:"Poste de direction"},goals:"Qu’attendez-vous de votre développement ?",goalsHint:"Choisissez-en au moins un.",goalLabels:{career_navigation:"Orienter ma carrière sur le long terme",network_building:"Développer mon réseau",industry_knowledge:"Mieux connaître mon secteur",specific_skill:"Acquérir une compétence précise",performance_improvement:"Améliorer mes performances",behaviour_change:"Changer une habitude ou un comportement",immediate_challenge:"Faire face à une difficulté actuelle",leadership_development:"Développer mon leadership",advancement_visibility:"Gagner en visibilité pour évoluer",digital_fluency:"Être à l’aise avec les outils numériques",peer_learning:"Apprendre avec des collègues de mon niveau"},horizon:"À quel horizon vous projetez-vous ?",horizons:{4:"Environ un mois",13:"Environ trois mois",26:"Environ six mois",52:"Environ un an",104:"Deux ans ou plus"},hoursPerWeek:"Heures disponibles par semaine",hoursHint:"Par exemple 1,5",minutesPerSession:"Durée maximale d’une séance",optional:"Pour aller plus loin (facultatif)",urgent:"J’ai besoin d’aide dès maintenant",relationship:"Auprès de qui aimeriez-vous apprendre ?",relationships:{no_preference:"Pas de préférence",single_senior:"Une personne plus expérimentée",several_mentors:"Plusieurs mentors, chacun pour un domaine",peers:"Des collègues de mon niveau",junior_colleagues:"Des collègues plus jeunes (mentorat inversé)",ai_tool:"Un outil d’IA ou en autonomie"},structure:"Quel degré de structure souhaitez-vous ?",structures:{no_preference:"Pas de préférence",informal:"Informel",semi_structured:"Plutôt structuré",structured:"Structuré, avec un programme défini"},context:"De quoi disposez-vous ?",contexts:{coach_budget:"Un budget pour un coach externe",sponsors_available:"Une personne d’expérience prête à me soutenir",peers_available:"Des collègues au même stade que moi",ai_acceptable:"Les outils de coaching par IA me conviennent",senior_learns_from_juniors:"J’occupe un poste de direction et souhaite apprendre de collègues plus jeunes"},submit:"Voir ma recommandation",loading:"Recherche de l’option la plus adaptée…",resultsTitle:"Votre recommandation",topThree:"Vos trois meilleures options",fit:"Adéquation : {percent}",reasons:"Pourquoi cela vous correspond",cautions:"Points de vigilance",about:"En savoir plus sur {name}",openContent:"Lire la fiche : {name}",growthPlan:"Un plan de progression",weeks:{one:"# semaine",other:"# semaines"},sessions:{one:"# séance par mois",other:"# séances par mois"},minutes:{one:"# minute",other:"# minutes"},counterfactual:"Ce qui changerait la recommandation",changeAnswers:"Modifier mes réponses",reference:"Référence : {id}",originNotAllowed:"Le recommandeur n’est pas disponible sur ce site.",originHint:"Si vous gérez ce site, demandez une clé qui inclut l’adresse de cette page.",unauthorized:"La clé du recommandeur n’est pas valide ou a été révoquée.",rateLimited:{one:"Trop de demandes pour le moment. Réessayez dans # seconde.",other:"Trop de demandes pour le moment. Réessayez dans # secondes."},unavailable:"Le recommandeur est momentanément indisponible. Réessayez dans un instant.",invalid:"Vérifiez vos réponses :",notFramed:"Cette page ne fonctionne qu’intégrée au site d’un partenaire.",goalsRequired:"Choisissez au moins un objectif.",hoursInvalid:"Indiquez un nombre d’heures compris entre 0,05 et 40.",missingKey:"Il manque la clé du recommandeur (l’attribut api-key)."};var $e={en:S,es:_e,fr:ye,de:be},we=["early","mid","senior","executive"],Se=Object.keys(S.goalLabels),Le=Object.keys(S.horizons),Ue=[15,30,45,60,90,120],qe=Object.keys(S.relationships),je=Object.keys(S.structures),De=Object.keys(S.contexts),We=new URL(import.meta.url).origin;function Ve(i,e){return i!==null&&e.includes(i)?i:void 0}function Ae(i,e,t){let r=i===null?NaN:Number(i);return Number.isInteger(r)&&r>=e&&r<=t?r:void 0}var T=class extends b{constructor(){super();this.resizeObserver=null;this.apiKey="",this.apiBase=We,this.careerStage=null,this.goals=null,this.horizonWeeks=null,this.hoursPerWeek=null,this.minutesPerSession=null,this.variantHref=null,this.frame=!1,this.hostOrigins="",this.view="form",this.result=null,this.failure=null,this.formError=null,this.contents={}}get locale(){let r=(this.getAttribute("lang")||this.parentElement?.closest("[lang]")?.getAttribute("lang")||document.documentElement.lang||navigator.language||"en").toLowerCase().split("-")[0];return r in $e?r:"en"}get t(){return $e[this.locale]}plural(t,r){return(new Intl.PluralRules(this.locale).select(r)==="one"?t.one:t.other).replace("#",new Intl.NumberFormat(this.locale).format(r))}fill(t,r){return t.replace(/\{(\w+)\}/g,(s,n)=>r[n]??"")}knownSituation(){let t=Ve(this.careerStage,we),r=(this.goals??"").split(/[\s,]+/).filter(l=>Se.includes(l)),s=Ae(this.horizonWeeks,1,520),n=Number(this.hoursPerWeek),o=Ae(this.minutesPerSession,5,480);return!t||r.length===0||!s||!o||!(n>=.05&&n<=40)?null:{career_stage:t,goals:[...new Set(r)],horizon_weeks:s,hours_per_week:n,minutes_per_session:o}}connectedCallback(){if(super.connectedCallback(),this.frame&&window.parent===window){this.fail({message:this.t.notFramed});return}this.frame&&"ResizeObserver"in window&&(this.resizeObserver=new ResizeObserver(()=>this.tell({type:"mc-resize",height:document.documentElement.scrollHeight})),this.resizeObserver.observe(document.documentElement))}disconnectedCallback(){super.disconnectedCallback(),this.resizeObserver?.disconnect()}firstUpdated(t){if(this.view==="error")return;if(!this.apiKey){this.fail({message:this.t.missingKey});return}let r=this.knownSituation();r&&this.recommend(r)}tell(t){if(!(!this.frame||window.parent===window))for(let r of this.hostOrigins.split(/\s+/).filter(Boolean))window.parent.postMessage(t,r)}emit(t,r){this.dispatchEvent(new CustomEvent(t,{detail:r,bubbles:!0,composed:!0})),this.tell({type:t,...r})}fail(t){this.failure=t,this.view="error"}async request(t,r={}){return fetch(new URL(t,this.apiBase),{...r,headers:{Accept:"application/json","X-API-Key":this.apiKey,...r.headers},credentials:"omit",referrerPolicy:"no-referrer",cache:"no-store",mode:"cors"})}async failureOf(t){let r=this.t,s={};try{s=await t.json()}catch{}if(t.status===403&&s.code==="origin-not-allowed")return{message:r.originNotAllowed,hint:r.originHint};if(t.status===401)return{message:r.unauthorized};if(t.status===429){let n=Number(t.headers.get("Retry-After"))||60;return{message:this.plural(r.rateLimited,n)}}return t.status===422&&s.errors?{message:r.invalid,details:s.errors.map(n=>n.message)}:{message:r.unavailable}}async recommend(t){this.view="loading";let r=`/v1/recommendations?locale=${this.locale}`,s;try{s=await this.request(r,{method:"POST",headers:{"Content-Type":"application/json"},body:JSON.stringify(t)})}catch{this.fail({message:this.t.originNotAllowed,hint:this.t.originHint});return}if(!s.ok){this.fail(await this.failureOf(s));return}let n=await s.json();this.result=n,this.contents={},this.view="result",await this.updateComplete,this.renderRoot.querySelector("#mc-result-heading")?.focus(),this.emit("mc-recommendation",{variant:n.primary.variant,approach:n.primary.approach,decision_id:n.decision_id})}onSubmit(t){t.preventDefault();let r=t.currentTarget,s=new FormData(r),n=s.getAll("goals").map(String);if(n.length===0){this.formError=this.t.goalsRequired,this.updateComplete.then(()=>this.renderRoot.querySelector("input[name=goals]")?.focus());return}let o=Number(String(s.get("hours")??"").replace(",","."));if(!(o>=.05&&o<=40)){this.formError=this.t.hoursInvalid,this.updateComplete.then(()=>this.renderRoot.querySelector("#mc-hours")?.focus());return}this.formError=null;let l={};for(let a of s.getAll("context"))l[String(a)]=!0;this.recommend({career_stage:s.get("career_stage"),goals:n,horizon_weeks:Number(s.get("horizon")),hours_per_week:o,minutes_per_session:Number(s.get("minutes")),urgent:s.get("urgent")?!0:null,relationship_preference:s.get("relationship"),structure_preference:s.get("structure"),context:l})}async loadContent(t,r){if(t.currentTarget.open&&(this.emit("mc-select",{variant:r,decision_id:this.result?.decision_id??""}),!this.contents[r])){this.contents={...this.contents,[r]:"loading"};try{let n=await this.request(`/v1/variants/${encodeURIComponent(r)}?locale=${this.locale}`),o=n.ok?await n.json():"failed";this.contents={...this.contents,[r]:o}}catch{this.contents={...this.contents,[r]:"failed"}}}}selectLink(t){this.emit("mc-select",{variant:t,decision_id:this.result?.decision_id??""})}changeAnswers(){this.view="form",this.result=null}updated(t){t.has("view")&&this.view==="error"&&this.renderRoot.querySelector("[role=alert]")?.focus()}render(){let t=this.t;return u`<section part="container" lang=${this.locale} aria-busy=${this.view==="loading"}>
      ${this.view==="error"?this.renderFailure():c}
      ${this.view==="form"?this.renderForm(t):c}
      ${this.view==="loading"?u`<p part="status" role="status">${t.loading}</p>`:c}
      ${this.view==="result"&&this.result?this.renderResult(t,this.result):c}
    </section>`}renderFailure(){let t=this.failure??{message:this.t.unavailable};return u`<div part="error" role="alert" tabindex="-1">
      <p class="error-message">${t.message}</p>
      ${t.hint?u`<p class="hint">${t.hint}</p>`:c}
      ${t.details?u`<ul>
            ${t.details.map(r=>u`<li>${r}</li>`)}
          </ul>`:c}
    </div>`}renderForm(t){let r=(s,n,o=!1)=>u`<option value=${s} ?selected=${o}>${n}</option>`;return u`<form part="form" novalidate @submit=${this.onSubmit}>
      <h2 part="title" class="title">${t.title}</h2>
      <p class="intro">${t.intro}</p>
      <div part="field" class="field">
        <label part="label" for="mc-stage">${t.careerStage}</label>
        <select part="input" id="mc-stage" name="career_stage" required>
          ${we.map(s=>r(s,t.careerStages[s],s===this.careerStage))}
        </select>
      </div>
      <fieldset part="field" class="field goals" aria-describedby="mc-goals-hint">
        <legend part="label">${t.goals}</legend>
        <p class="hint" id="mc-goals-hint">${t.goalsHint}</p>
        ${Se.map(s=>u`<label class="choice"
            ><input type="checkbox" name="goals" value=${s} />
            ${t.goalLabels[s]}</label
          >`)}
      </fieldset>
      <div part="field" class="field">
        <label part="label" for="mc-horizon">${t.horizon}</label>
        <select part="input" id="mc-horizon" name="horizon">
          ${Le.map(s=>r(s,t.horizons[s],s==="26"))}
        </select>
      </div>
      <div part="field" class="field">
        <label part="label" for="mc-hours">${t.hoursPerWeek}</label>
        <input
          part="input"
          id="mc-hours"
          name="hours"
          inputmode="decimal"
          autocomplete="off"
          required
          value="2"
          aria-describedby="mc-hours-hint"
        />
        <p class="hint" id="mc-hours-hint">${t.hoursHint}</p>
      </div>
      <div part="field" class="field">
        <label part="label" for="mc-minutes">${t.minutesPerSession}</label>
        <select part="input" id="mc-minutes" name="minutes">
          ${Ue.map(s=>r(String(s),this.plural(t.minutes,s),s===60))}
        </select>
      </div>
      <details part="optional" class="optional">
        <summary>${t.optional}</summary>
        <label class="choice"><input type="checkbox" name="urgent" value="1" /> ${t.urgent}</label>
        <div part="field" class="field">
          <label part="label" for="mc-relationship">${t.relationship}</label>
          <select part="input" id="mc-relationship" name="relationship">
            ${qe.map(s=>r(s,t.relationships[s]))}
          </select>
        </div>
        <div part="field" class="field">
          <label part="label" for="mc-structure">${t.structure}</label>
          <select part="input" id="mc-structure" name="structure">
            ${je.map(s=>r(s,t.structures[s]))}
          </select>
        </div>
        <fieldset part="field" class="field">
          <legend part="label">${t.context}</legend>
          ${De.map(s=>u`<label class="choice"
              ><input type="checkbox" name="context" value=${s} />
              ${t.contexts[s]}</label
            >`)}
        </fieldset>
      </details>
      ${this.formError?u`<p part="error" class="error-message" role="alert">${this.formError}</p>`:c}
      <button part="button" type="submit">${t.submit}</button>
    </form>`}renderVariant(t,r){let s=new Intl.NumberFormat(this.locale,{style:"percent"}).format(r.score),n=this.contents[r.variant],o=this.variantHref?.replace("{variant}",encodeURIComponent(r.variant));return u`<li part="variant" class="variant">
      <h4 class="variant-name">${r.name}</h4>
      <p class="score">${this.fill(t.fit,{percent:s})}</p>
      ${r.reasons.length?u`<p class="list-title">${t.reasons}</p>
            <ul part="reasons">
              ${r.reasons.map(l=>u`<li>${l.text}</li>`)}
            </ul>`:c}
      ${r.cautions.length?u`<p class="list-title">${t.cautions}</p>
            <ul part="cautions">
              ${r.cautions.map(l=>u`<li>${l.text}</li>`)}
            </ul>`:c}
      ${o?u`<a part="variant-link" href=${o} @click=${()=>this.selectLink(r.variant)}
            >${this.fill(t.openContent,{name:r.name})}</a
          >`:u`<details part="variant-details" @toggle=${l=>this.loadContent(l,r.variant)}>
            <summary>${this.fill(t.about,{name:r.name})}</summary>
            ${n==="loading"?u`<p role="status">${t.loading}</p>`:n==="failed"?u`<p>${t.unavailable}</p>`:n?u`<p>${n.summary}</p>
                      <ul>
                        ${n.strengths.map(l=>u`<li>${l}</li>`)}
                      </ul>`:c}
          </details>`}
    </li>`}renderResult(t,r){let s=r.growth_plan;return u`<div part="results" class="results">
      <h2 part="title" class="title" id="mc-result-heading" tabindex="-1">${t.resultsTitle}</h2>
      <p part="headline" class="headline">${r.primary.headline}</p>
      <h3>${t.topThree}</h3>
      <ol class="ranking">
        ${r.ranking.slice(0,3).map(n=>this.renderVariant(t,n))}
      </ol>
      ${s?u`<div part="growth-plan">
            <h3>${t.growthPlan}</h3>
            <p>${s.summary}</p>
            <ul>
              ${s.tracks.map(n=>u`<li>
                    <strong>${n.name}</strong>: ${this.plural(t.weeks,n.duration_weeks)}
                    · ${this.plural(t.sessions,n.cadence_per_month)} ·
                    ${this.plural(t.minutes,n.session_minutes)}
                  </li>`)}
            </ul>
          </div>`:c}
      ${r.counterfactual?u`<div part="counterfactual">
            <h3>${t.counterfactual}</h3>
            <p>${r.counterfactual.text}</p>
          </div>`:c}
      <p class="reference">${this.fill(t.reference,{id:r.decision_id})}</p>
      ${this.knownSituation()?c:u`<button part="button" type="button" @click=${this.changeAnswers}>
            ${t.changeAnswers}
          </button>`}
    </div>`}};T.styles=ve,T.properties={apiKey:{type:String,attribute:"api-key"},apiBase:{type:String,attribute:"api-base"},lang:{type:String},careerStage:{type:String,attribute:"career-stage"},goals:{type:String},horizonWeeks:{type:String,attribute:"horizon-weeks"},hoursPerWeek:{type:String,attribute:"hours-per-week"},minutesPerSession:{type:String,attribute:"minutes-per-session"},variantHref:{type:String,attribute:"variant-href"},frame:{type:Boolean},hostOrigins:{type:String,attribute:"host-origins"},view:{state:!0},result:{state:!0},failure:{state:!0},formError:{state:!0},contents:{state:!0}};customElements.get("mc-recommender")||customElements.define("mc-recommender",T);export{T as McRecommender};
/*! Bundled license information:

@lit/reactive-element/css-tag.js:
  (**
   * @license
   * Copyright 2019 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)

@lit/reactive-element/reactive-element.js:
lit-html/lit-html.js:
lit-element/lit-element.js:
  (**
   * @license
   * Copyright 2017 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)

lit-html/is-server.js:
  (**
   * @license
   * Copyright 2022 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)
*/
