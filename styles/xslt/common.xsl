<?xml version="1.0" encoding="UTF-8"?>
<!-- Helpers every module calls: anchors, language, heading levels, plain text. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:eg="http://www.tei-c.org/ns/Examples"
    xmlns:str="http://exslt.org/strings"
    xmlns:exsl="http://exslt.org/common"
    extension-element-prefixes="str exsl"
    exclude-result-prefixes="tei eg str exsl">

  <!-- Ordinals of the text's elements by name, computed once: NAME-N anchors cost one
       key lookup instead of an xsl:number walk over the whole document per element. -->
  <xsl:variable name="ordinals-rtf">
    <!-- the names that get NAME-N anchors; a per-element "first of its name" test
         (Muenchian grouping) would copy a key's node-set per element: quadratic -->
    <xsl:for-each select="str:tokenize('p ab div div1 div2 div3 div4 div5 div6 div7 group text floatingText sp stage move
        lg l list table figure castList choice sic corr supplied persName placeName orgName name rs geogName title
        quote q said cit listBibl bibl biblStruct biblFull msDesc note app pb opener closer postscript epigraph
        argument listPerson listPlace listOrg person personGrp place org', ' &#10;')">
      <xsl:variable name="name" select="string(.)"/>
      <xsl:for-each select="$root-node">
        <xsl:for-each select="key('element-by-name', $name)">
          <o g="{generate-id()}" n="{position()}"/>
        </xsl:for-each>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:variable>
  <xsl:variable name="root-node" select="/"/>
  <xsl:variable name="ordinals" select="exsl:node-set($ordinals-rtf)"/>
  <xsl:key name="ordinal" match="o" use="@g"/>

  <!-- The anchor of the current element: its xml:id, else NAME-N (N: 1-based position among
       the same-named elements of the text, in document order). -->
  <xsl:template name="id-value">
    <xsl:choose>
      <xsl:when test="@xml:id"><xsl:value-of select="@xml:id"/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="g" select="generate-id()"/>
        <xsl:variable name="n"><xsl:for-each select="$ordinals"><xsl:value-of select="key('ordinal', $g)/@n"/></xsl:for-each></xsl:variable>
        <xsl:value-of select="local-name()"/>
        <xsl:text>-</xsl:text>
        <xsl:choose>
          <xsl:when test="$n != ''"><xsl:value-of select="$n"/></xsl:when>
          <xsl:otherwise><xsl:number level="any"/></xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- id (always generated when gen is true, else only from xml:id), lang, data-tei. -->
  <xsl:template name="atts">
    <xsl:param name="gen" select="false()"/>
    <xsl:param name="tei" select="true()"/>
    <xsl:choose>
      <xsl:when test="@xml:id"><xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute></xsl:when>
      <xsl:when test="$gen">
        <xsl:attribute name="id"><xsl:call-template name="id-value"/></xsl:attribute>
      </xsl:when>
    </xsl:choose>
    <xsl:apply-templates select="@xml:lang" mode="att"/>
    <xsl:if test="$tei"><xsl:attribute name="data-tei"><xsl:value-of select="local-name()"/></xsl:attribute></xsl:if>
  </xsl:template>

  <xsl:template match="@xml:lang" mode="att">
    <xsl:if test="normalize-space(.) != ''">
      <xsl:attribute name="lang"><xsl:value-of select="normalize-space(.)"/></xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- Heading level of a container (div, listBibl, castList...): 2 below the title page,
       one more per enclosing container that has a heading, so levels never skip. -->
  <xsl:template name="heading-level">
    <xsl:param name="node" select="."/>
    <xsl:value-of select="2
      + count($node/ancestor::*[self::tei:div or self::tei:div1 or self::tei:div2 or self::tei:div3
            or self::tei:div4 or self::tei:div5 or self::tei:div6 or self::tei:div7
            or self::tei:listBibl or self::tei:castList or self::tei:group][tei:head[normalize-space(.) != '']])
      + count($node/ancestor::tei:TEI[parent::tei:teiCorpus])
      + count($node/ancestor::tei:teiCorpus[parent::tei:teiCorpus])"/>
  </xsl:template>

  <!-- A heading element of the given level (h2..h6; deeper levels keep the heading role). -->
  <xsl:template name="heading">
    <xsl:param name="level" select="2"/>
    <xsl:param name="content"/>
    <xsl:param name="class" select="'head'"/>
    <xsl:param name="node" select="/.."/>
    <xsl:choose>
      <xsl:when test="$level &lt;= 6">
        <xsl:element name="h{$level}">
          <xsl:attribute name="class"><xsl:value-of select="$class"/></xsl:attribute>
          <xsl:for-each select="$node"><xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template></xsl:for-each>
          <xsl:copy-of select="$content"/>
        </xsl:element>
      </xsl:when>
      <xsl:otherwise>
        <p class="{$class}" role="heading" aria-level="{$level}"><xsl:for-each select="$node"><xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template></xsl:for-each><xsl:copy-of select="$content"/></p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Plain text of a node: the reading text only (no notes, first reading of a choice). -->
  <xsl:template match="text()" mode="plain"><xsl:value-of select="."/></xsl:template>
  <xsl:template match="*" mode="plain"><xsl:apply-templates mode="plain"/></xsl:template>
  <xsl:template match="tei:note | tei:rdg | tei:sic | tei:orig | tei:abbr | tei:del | tei:fw | tei:figDesc" mode="plain"/>
  <xsl:template match="tei:choice[tei:corr or tei:reg or tei:expan]" mode="plain">
    <xsl:apply-templates select="(tei:corr | tei:reg | tei:expan)[1]" mode="plain"/>
  </xsl:template>
  <xsl:template match="tei:choice" mode="plain"><xsl:apply-templates select="*[1]" mode="plain"/></xsl:template>
  <xsl:template match="tei:lb" mode="plain">
    <xsl:variable name="nobreak"><xsl:call-template name="lb-nobreak"/></xsl:variable>
    <xsl:if test="$nobreak != 'y'"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>
  <xsl:template match="tei:gap" mode="plain"><xsl:text>[…]</xsl:text></xsl:template>
  <!-- quotations keep their marks in plain text unless the text around already has them -->
  <xsl:template match="tei:q | tei:quote | tei:said[not(@direct = 'false')] | tei:soCalled | tei:title[@level = 'a']" mode="plain">
    <xsl:variable name="marked"><xsl:call-template name="marked"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="normalize-space($marked) = 'marked'"><xsl:apply-templates mode="plain"/></xsl:when>
      <xsl:otherwise>“<xsl:apply-templates mode="plain"/>”</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- True ('y') when the HTML made from this TEI element may contain blocks (flow content). -->
  <xsl:template match="*" mode="is-flow"/>
  <xsl:template mode="is-flow" match="tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7
      | tei:body | tei:front | tei:back | tei:text | tei:group | tei:TEI | tei:teiCorpus | tei:sp | tei:item
      | tei:cell | tei:floatingText | tei:epigraph | tei:argument | tei:opener | tei:closer | tei:postscript
      | tei:figure | tei:titlePage | tei:lg | tei:standOff | tei:person | tei:place | tei:org | tei:event
      | tei:castList | tei:castGroup | tei:msDesc | tei:letter | tei:docTitle | tei:docImprint | tei:imprimatur">y</xsl:template>
  <xsl:template mode="is-flow" match="tei:note">
    <xsl:if test="not(@place = 'inline')"><xsl:call-template name="has-blocks"/></xsl:if>
  </xsl:template>
  <!-- Containers rendered as div where their parent allows blocks, as span elsewhere. -->
  <xsl:template mode="is-flow" match="tei:address | tei:msContents | tei:msItem | tei:msItemStruct | tei:physDesc | tei:objectDesc
      | tei:supportDesc | tei:support | tei:extent | tei:foliation | tei:collation | tei:condition | tei:layoutDesc
      | tei:layout | tei:handDesc | tei:handNote | tei:decoDesc | tei:decoNote | tei:additions | tei:bindingDesc | tei:binding
      | tei:accMat | tei:history | tei:origin | tei:provenance | tei:acquisition | tei:additional | tei:adminInfo
      | tei:recordHist | tei:source | tei:custodialHist | tei:custEvent | tei:surrogates | tei:msPart | tei:msFrag
      | tei:sealDesc | tei:seal | tei:scriptDesc | tei:scriptNote | tei:typeDesc | tei:typeNote | tei:musicNotation
      | tei:availability | tei:licence | tei:listEvent | tei:relation | tei:listRelation | tei:spGrp | tei:docEdition
      | tei:listPerson | tei:listPlace | tei:listOrg">
    <xsl:apply-templates select=".." mode="is-flow"/>
  </xsl:template>
  <xsl:template mode="is-flow" match="tei:p | tei:ab">
    <xsl:if test="not(ancestor::tei:note[@place = 'inline'])">
      <xsl:call-template name="has-blocks"/>
    </xsl:if>
  </xsl:template>
  <xsl:template mode="is-flow" match="tei:quote | tei:q | tei:said | tei:cit">
    <xsl:call-template name="is-block"/>
  </xsl:template>

  <!-- 'y' when an element that may be a block (stage, bibl, trailer...) is one: its parent
       takes blocks and it does not stand in running text. -->
  <xsl:template name="block-here">
    <xsl:if test="not(../text()[normalize-space(.) != ''])">
      <xsl:apply-templates select=".." mode="is-flow"/>
    </xsl:if>
  </xsl:template>

  <!-- 'y' when a paragraph holds block-level TEI (lists, tables, verse, nested paragraphs)
       outside its (footnote) notes: it is then rendered as div.p, since HTML forbids blocks in p. -->
  <xsl:template name="has-blocks">
    <xsl:variable name="depth" select="count(ancestor-or-self::tei:note[not(@place = 'inline')])"/>
    <!-- blocks of an inline note are spans: they do not count -->
    <xsl:variable name="inline-depth" select="count(ancestor-or-self::tei:note[@place = 'inline'])"/>
    <xsl:if test=".//*[self::tei:p or self::tei:ab or self::tei:lg or self::tei:l or self::tei:list
          or self::tei:table or self::tei:figure or self::tei:sp or self::tei:castList or self::tei:listBibl
          or self::tei:floatingText or self::tei:div or self::tei:epigraph or self::tei:listPerson
          or self::tei:listPlace or self::tei:listOrg or self::tei:trailer or self::tei:byline
          or self::tei:dateline or self::tei:closer or self::tei:opener or self::tei:postscript or self::tei:signed
          or self::eg:egXML]
          [count(ancestor::tei:note[not(@place = 'inline')]) = $depth]
          [count(ancestor::tei:note[@place = 'inline']) = $inline-depth]">y</xsl:if>
  </xsl:template>

  <!-- 'y' when a quotation (quote, q, said, cit) is rendered as a block. -->
  <xsl:template name="is-block">
    <xsl:choose>
      <!-- an inline note takes phrasing content only: its paragraphs are spans too -->
      <xsl:when test="ancestor::tei:note[@place = 'inline']"/>
      <!-- blocks inside (the paragraph around then becomes div.p); a cit inside does not
           count: it is inline wherever its parent is -->
      <xsl:when test="tei:p or tei:ab or tei:lg or tei:l or tei:list or tei:table or tei:sp or tei:floatingText
          or tei:quote[tei:p or tei:lg or tei:l]">y</xsl:when>
      <xsl:when test="parent::tei:cit">
        <xsl:for-each select=".."><xsl:call-template name="is-block"/></xsl:for-each>
      </xsl:when>
      <!-- within running text it stays inline -->
      <xsl:when test="../text()[normalize-space(.) != '']"/>
      <xsl:otherwise>
        <xsl:apply-templates select=".." mode="is-flow"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- 'y' when this element is inside one that renders as a link (no nested links). -->
  <xsl:template name="in-link">
    <xsl:if test="ancestor::*[self::tei:persName or self::tei:placeName or self::tei:orgName or self::tei:name
        or self::tei:rs or self::tei:title][@ref] or ancestor::tei:ref[@target] or ancestor::tei:ptr">y</xsl:if>
  </xsl:template>


  <!-- ============ fixed labels, in the document's language ============ -->
  <!-- One table of the hub's own words (headings, labels, link texts), by the primary
       subtag of the document's language; a language or a label missing here falls back
       to English. Built inside the stylesheet: no document() access is needed. -->
  <xsl:variable name="labels-rtf">
    <l k="contents" en="Contents" de="Inhalt" fr="Table des matières" it="Indice" es="Índice" nl="Inhoud" la="Index"/>
    <l k="notes" en="Notes" de="Anmerkungen" fr="Notes" it="Note" es="Notas" nl="Noten" la="Notae"/>
    <l k="register" en="Register" de="Register" fr="Index" it="Indice dei nomi" es="Índice de nombres" nl="Register" la="Index nominum"/>
    <l k="persons" en="Persons" de="Personen" fr="Personnes" it="Persone" es="Personas" nl="Personen" la="Personae"/>
    <l k="places" en="Places" de="Orte" fr="Lieux" it="Luoghi" es="Lugares" nl="Plaatsen" la="Loca"/>
    <l k="organisations" en="Organisations" de="Organisationen" fr="Organisations" it="Organizzazioni" es="Organizaciones" nl="Organisaties" la="Societates"/>
    <l k="interventions" en="Editorial interventions" de="Editorische Eingriffe" fr="Interventions éditoriales" it="Interventi editoriali" es="Intervenciones editoriales" nl="Editoriale ingrepen" la="Emendationes editoris"/>
    <l k="about" en="About this edition" de="Zu dieser Ausgabe" fr="À propos de cette édition" it="Informazioni su questa edizione" es="Acerca de esta edición" nl="Over deze editie" la="De hac editione"/>
    <l k="how-to-cite" en="How to cite" de="Zitierweise" fr="Comment citer" it="Come citare" es="Cómo citar" nl="Citeerwijze" la="Quomodo citetur"/>
    <l k="participants" en="Participants" de="Beteiligte" fr="Participants" it="Partecipanti" es="Participantes" nl="Deelnemers" la="Participes"/>
    <l k="imprint" en="Imprint" de="Impressum" fr="Mentions légales" it="Colophon" es="Créditos" nl="Colofon" la="Impressum"/>
    <l k="source" en="Source" de="Quelle" fr="Source" it="Fonte" es="Fuente" nl="Bron" la="Fons"/>
    <l k="source-link" en="source" de="Quelle" fr="source" it="fonte" es="fuente" nl="bron" la="fons"/>
    <l k="passage" en="passage" de="Stelle" fr="passage" it="passo" es="pasaje" nl="passage" la="locus"/>
    <l k="quoted-passage" en="Quoted passage" de="Zitierte Stelle" fr="Passage cité" it="Passo citato" es="Pasaje citado" nl="Geciteerde passage" la="Locus citatus"/>
    <l k="project" en="The project" de="Das Projekt" fr="Le projet" it="Il progetto" es="El proyecto" nl="Het project" la="Consilium"/>
    <l k="selection" en="Selection" de="Auswahl" fr="Sélection" it="Selezione" es="Selección" nl="Selectie" la="Delectus"/>
    <l k="setting" en="Setting" de="Situation" fr="Cadre" it="Contesto" es="Contexto" nl="Setting" la="Condicio"/>
    <l k="principles" en="Editorial principles" de="Editionsrichtlinien" fr="Principes d’édition" it="Criteri editoriali" es="Criterios editoriales" nl="Editieprincipes" la="Ratio edendi"/>
    <l k="page" en="Page" de="Seite" fr="Page" it="Pagina" es="Página" nl="Pagina" la="Pagina"/>
    <l k="note" en="Note" de="Anmerkung" fr="Note" it="Nota" es="Nota" nl="Noot" la="Nota"/>
    <l k="back-to-note" en="Back to note call" de="Zurück zum Anmerkungszeichen" fr="Retour à l’appel de note" it="Torna al richiamo di nota" es="Volver a la llamada de nota" nl="Terug naar de notenverwijzing" la="Redi ad notae signum"/>
    <l k="section" en="Section" de="Abschnitt" fr="Section" it="Sezione" es="Sección" nl="Deel" la="Pars"/>
    <l k="download" en="Download" de="Herunterladen" fr="Télécharger" it="Scarica" es="Descargar" nl="Downloaden" la="Depromere"/>
    <l k="published-by" en="Published by" de="Herausgegeben von" fr="Publié par" it="Pubblicato da" es="Publicado por" nl="Uitgegeven door" la="Edidit"/>
    <l k="distributed-by" en="Distributed by" de="Vertrieben von" fr="Distribué par" it="Distribuito da" es="Distribuido por" nl="Verspreid door" la="Distribuit"/>
    <l k="responsible" en="Responsible" de="Verantwortlich" fr="Responsable" it="Responsabile" es="Responsable" nl="Verantwoordelijk" la="Auctoritas"/>
    <l k="date" en="Date" de="Datum" fr="Date" it="Data" es="Fecha" nl="Datum" la="Dies"/>
    <l k="made-with" en="Made with editio" de="Erstellt mit editio" fr="Réalisé avec editio" it="Realizzato con editio" es="Hecho con editio" nl="Gemaakt met editio" la="Factum cum editio"/>
    <l k="ed" en="ed." de="hg. v." fr="éd." it="a cura di" es="ed." nl="ed." la="ed."/>
    <l k="version-of" en="version of" de="Fassung vom" fr="version du" it="versione del" es="versión del" nl="versie van" la="versio diei"/>
    <l k="born" en="born" de="geb." fr="né(e)" it="nato/a" es="nacido/a" nl="geboren" la="natus"/>
    <l k="died" en="died" de="gest." fr="mort(e)" it="morto/a" es="fallecido/a" nl="overleden" la="mortuus"/>
    <l k="flourished" en="fl." de="wirkte" fr="actif" it="attivo" es="activo" nl="werkzaam" la="fl."/>
    <l k="speech" en="speech" de="Rede" fr="réplique" it="battuta" es="parlamento" nl="beurt" la="oratio"/>
    <l k="speeches" en="speeches" de="Reden" fr="répliques" it="battute" es="parlamentos" nl="beurten" la="orationes"/>
    <l k="occurrence" en="Occurrence" de="Vorkommen" fr="Occurrence" it="Occorrenza" es="Aparición" nl="Vermelding" la="Locus"/>
    <l k="of" en="of" de="von" fr="de" it="di" es="de" nl="van" la="de"/>
    <l k="speech-n" en="Speech" de="Rede" fr="Réplique" it="Battuta" es="Parlamento" nl="Beurt" la="Oratio"/>
    <l k="cited" en="Cited" de="Zitiert" fr="Cité" it="Citato" es="Citado" nl="Geciteerd" la="Citatum"/>
    <l k="citation" en="Citation" de="Zitat" fr="Citation" it="Citazione" es="Cita" nl="Citaat" la="Citatio"/>
    <l k="gap" en="Gap in the text" de="Lücke im Text" fr="Lacune dans le texte" it="Lacuna nel testo" es="Laguna en el texto" nl="Lacune in de tekst" la="Lacuna in textu"/>
    <l k="variant" en="Variant" de="Variante" fr="Variante" it="Variante" es="Variante" nl="Variant" la="Varia lectio"/>
    <l k="back-to-variant" en="Back to variant" de="Zurück zur Variante" fr="Retour à la variante" it="Torna alla variante" es="Volver a la variante" nl="Terug naar variant" la="Redi ad variam lectionem"/>
    <l k="month-1" en="January" de="Januar" fr="janvier" it="gennaio" es="enero" nl="januari" la="Ianuarii"/>
    <l k="month-2" en="February" de="Februar" fr="février" it="febbraio" es="febrero" nl="februari" la="Februarii"/>
    <l k="month-3" en="March" de="März" fr="mars" it="marzo" es="marzo" nl="maart" la="Martii"/>
    <l k="month-4" en="April" de="April" fr="avril" it="aprile" es="abril" nl="april" la="Aprilis"/>
    <l k="month-5" en="May" de="Mai" fr="mai" it="maggio" es="mayo" nl="mei" la="Maii"/>
    <l k="month-6" en="June" de="Juni" fr="juin" it="giugno" es="junio" nl="juni" la="Iunii"/>
    <l k="month-7" en="July" de="Juli" fr="juillet" it="luglio" es="julio" nl="juli" la="Iulii"/>
    <l k="month-8" en="August" de="August" fr="août" it="agosto" es="agosto" nl="augustus" la="Augusti"/>
    <l k="month-9" en="September" de="September" fr="septembre" it="settembre" es="septiembre" nl="september" la="Septembris"/>
    <l k="month-10" en="October" de="Oktober" fr="octobre" it="ottobre" es="octubre" nl="oktober" la="Octobris"/>
    <l k="month-11" en="November" de="November" fr="novembre" it="novembre" es="noviembre" nl="november" la="Novembris"/>
    <l k="month-12" en="December" de="Dezember" fr="décembre" it="dicembre" es="diciembre" nl="december" la="Decembris"/>
    <l k="from" en="from" de="ab" fr="à partir de" it="dal" es="desde" nl="vanaf" la="ab"/>
    <l k="until" en="until" de="bis" fr="jusqu’à" it="fino al" es="hasta" nl="tot" la="usque ad"/>
    <l k="not-before" en="not before" de="nicht vor" fr="pas avant" it="non prima del" es="no antes de" nl="niet voor" la="non ante"/>
    <l k="not-after" en="not after" de="nicht nach" fr="pas après" it="non dopo il" es="no después de" nl="niet na" la="non post"/>
  </xsl:variable>
  <xsl:variable name="labels" select="exsl:node-set($labels-rtf)/l"/>
  <xsl:variable name="label-lang" select="translate(substring-before(concat(normalize-space($doc-lang), '-'), '-'),
      'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"/>

  <!-- The labels in the document's language, one t[@k] each: $L[@k = 'notes']. -->
  <xsl:variable name="L-rtf">
    <xsl:for-each select="$labels">
      <t k="{@k}"><xsl:call-template name="label"><xsl:with-param name="k" select="string(@k)"/></xsl:call-template></t>
    </xsl:for-each>
  </xsl:variable>
  <xsl:variable name="L" select="exsl:node-set($L-rtf)/t"/>

  <!-- A fixed label in the document's language (English when the table has none). -->
  <xsl:template name="label">
    <xsl:param name="k"/>
    <xsl:variable name="row" select="$labels[@k = $k]"/>
    <xsl:variable name="local" select="$row/@*[local-name() = $label-lang]"/>
    <xsl:choose>
      <xsl:when test="$local"><xsl:value-of select="$local"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$row/@en"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A date for reading: YYYY-MM-DD as "18 December 1878" ("18. Dezember 1878" in
       German), YYYY-MM as "December 1878"; anything else as given. -->
  <xsl:template name="readable-date">
    <xsl:param name="v" select="normalize-space(.)"/>
    <xsl:variable name="d" select="translate($v, '0123456789', '9999999999')"/>
    <xsl:variable name="m" select="$L[@k = concat('month-', number(substring($v, 6, 2)))]"/>
    <xsl:variable name="day" select="number(substring($v, 9, 2))"/>
    <xsl:choose>
      <xsl:when test="$d = '9999-99-99' and $m">
        <xsl:value-of select="$day"/>
        <xsl:if test="$label-lang = 'de'">.</xsl:if>
        <xsl:value-of select="concat(' ', $m, ' ', substring($v, 1, 4))"/>
      </xsl:when>
      <xsl:when test="$d = '9999-99' and $m"><xsl:value-of select="concat($m, ' ', substring($v, 1, 4))"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$v"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- JSON string content: backslash, quote, and the characters that could end a script element. -->
  <xsl:template name="json-escape">
    <xsl:param name="s"/>
    <xsl:value-of select="str:replace(str:replace(str:replace(str:replace(normalize-space($s),
        '\', '\\'), '&quot;', '\&quot;'), '&lt;', '\u003c'), '&amp;', '\u0026')"/>
  </xsl:template>

</xsl:stylesheet>
