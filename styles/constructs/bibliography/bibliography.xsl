<?xml version="1.0" encoding="UTF-8"?>
<!-- Bibliography: title, listBibl, bibl, biblStruct, biblFull; entries link back to every quotation citing them. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:eg="http://www.tei-c.org/ns/Examples"
    xmlns:str="http://exslt.org/strings"
    xmlns:exsl="http://exslt.org/common"
    extension-element-prefixes="str exsl"
    exclude-result-prefixes="tei eg str exsl">

  <!-- Short label of a cited thing (bibliography entry or passage). -->
  <xsl:template name="bibl-label">
    <xsl:param name="node"/>
    <xsl:for-each select="$node">
      <xsl:choose>
        <xsl:when test="self::tei:bibl or self::tei:biblStruct or self::tei:biblFull">
          <xsl:variable name="who"><xsl:call-template name="plain-of"><xsl:with-param name="node" select="(.//tei:author | .//tei:editor)[1]//tei:surname[1] | (.//tei:author | .//tei:editor)[1][not(.//tei:surname)]"/></xsl:call-template></xsl:variable>
          <xsl:variable name="title"><xsl:call-template name="plain-of"><xsl:with-param name="node" select="(.//tei:title)[1]"/></xsl:call-template></xsl:variable>
          <xsl:variable name="s" select="normalize-space(concat($who, ', ', $title))"/>
          <xsl:choose>
            <xsl:when test="$who != '' and $title != ''"><xsl:value-of select="$s"/></xsl:when>
            <xsl:when test="$title != ''"><xsl:value-of select="$title"/></xsl:when>
            <xsl:otherwise><xsl:variable name="t"><xsl:call-template name="plain-of"><xsl:with-param name="node" select="."/></xsl:call-template></xsl:variable><xsl:value-of select="substring($t, 1, 80)"/></xsl:otherwise>
          </xsl:choose>
        </xsl:when>
        <xsl:otherwise>
          <xsl:variable name="t"><xsl:call-template name="plain-of"><xsl:with-param name="node" select="."/></xsl:call-template></xsl:variable>
          <xsl:value-of select="concat('“', substring($t, 1, 60))"/><xsl:if test="string-length($t) &gt; 60">…</xsl:if><xsl:text>”</xsl:text>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- A short citation of a bibliography entry, for a link text: the first author's (or
       editor's) surname and the cited range ("Magenheimer, pp. 192–201"), else the surname
       and the title up to its first colon; empty when the entry has neither. -->
  <xsl:template name="short-citation">
    <xsl:param name="node"/>
    <xsl:for-each select="$node[self::tei:bibl or self::tei:biblStruct or self::tei:biblFull]">
      <xsl:variable name="person" select="(.//tei:author | .//tei:editor)[1]"/>
      <xsl:variable name="who">
        <xsl:choose>
          <xsl:when test="$person//tei:surname"><xsl:call-template name="plain-of"><xsl:with-param name="node" select="($person//tei:surname)[1]"/></xsl:call-template></xsl:when>
          <xsl:when test="$person">
            <xsl:variable name="t"><xsl:call-template name="plain-of"><xsl:with-param name="node" select="$person"/></xsl:call-template></xsl:variable>
            <xsl:value-of select="str:tokenize($t, ' ')[last()]"/>
          </xsl:when>
        </xsl:choose>
      </xsl:variable>
      <xsl:variable name="range-node" select="(.//tei:citedRange[@unit = 'page'] | .//tei:biblScope[@unit = 'page'] | .//tei:biblScope[@unit = 'pp'])[1]
          | (.//tei:citedRange)[1][not(current()//tei:citedRange[@unit = 'page'] or current()//tei:biblScope[@unit = 'page' or @unit = 'pp'])]"/>
      <xsl:variable name="range"><xsl:call-template name="plain-of"><xsl:with-param name="node" select="$range-node"/></xsl:call-template></xsl:variable>
      <xsl:variable name="title-full"><xsl:call-template name="plain-of"><xsl:with-param name="node" select="(.//tei:title)[1]"/></xsl:call-template></xsl:variable>
      <xsl:variable name="title">
        <xsl:choose>
          <xsl:when test="contains($title-full, ':')"><xsl:value-of select="normalize-space(substring-before($title-full, ':'))"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$title-full"/></xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <xsl:choose>
        <xsl:when test="$who != '' and $range != ''"><xsl:value-of select="concat($who, ', ', $range)"/></xsl:when>
        <xsl:when test="$who != '' and $title != ''"><xsl:value-of select="concat($who, ', ', $title)"/></xsl:when>
        <xsl:when test="$title != '' and $range != ''"><xsl:value-of select="concat($title, ', ', $range)"/></xsl:when>
        <xsl:when test="$title != ''"><xsl:value-of select="$title"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$who"/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- The link from a quotation to its source (empty when there is none). -->

  <!-- title: cite; a title pointing at a bibliography entry links to it. -->
  <xsl:template match="tei:title">
    <xsl:variable name="first" select="substring-before(concat(normalize-space(@ref), ' '), ' ')"/>
    <xsl:variable name="href"><xsl:call-template name="href-of"><xsl:with-param name="p" select="$first"/></xsl:call-template></xsl:variable>
    <xsl:variable name="in-link"><xsl:call-template name="in-link"/></xsl:variable>
    <!-- (a title the source sets in quotation marks, rend="quotes" as Digital Humanities
         Quarterly marks a chapter's, is set as an article's: it was italic, a book's) -->
    <xsl:variable name="level">
      <xsl:choose>
        <xsl:when test="not(@level) and contains(' quotes quoted dquotes ', concat(' ', translate(normalize-space(@rend), 'QUOTESD', 'quotesd'), ' '))">a</xsl:when>
        <xsl:otherwise><xsl:value-of select="@level"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="cite">
      <cite>
        <xsl:attribute name="class">
          <xsl:text>title</xsl:text>
          <xsl:if test="$level != ''"><xsl:value-of select="concat(' title-', $level)"/></xsl:if>
        </xsl:attribute>
        <xsl:if test="not($href != '' and $in-link != 'y' and not(.//tei:note or .//tei:ref or .//tei:ptr or .//*[@ref]))">
          <xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/><xsl:with-param name="gen" select="@ref"/></xsl:call-template>
        </xsl:if>
        <!-- the title of an article or a poem (level a) in quotation marks, as citations set it -->
        <xsl:variable name="marked"><xsl:if test="not($level = 'a')"> marked</xsl:if><xsl:if test="$level = 'a'"><xsl:call-template name="marked"/></xsl:if></xsl:variable>
        <xsl:call-template name="open-mark"><xsl:with-param name="marked" select="$marked"/></xsl:call-template>
        <xsl:apply-templates/>
        <xsl:call-template name="close-mark"><xsl:with-param name="marked" select="$marked"/></xsl:call-template>
      </cite>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$href != '' and $in-link != 'y' and not(.//tei:note or .//tei:ref or .//tei:ptr or .//*[@ref])">
        <a class="title-link" href="{$href}">
          <xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/><xsl:with-param name="gen" select="true()"/></xsl:call-template>
          <xsl:copy-of select="$cite"/>
        </a>
      </xsl:when>
      <xsl:otherwise><xsl:copy-of select="$cite"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============ bibliography ============ -->
  <xsl:template match="tei:listBibl">
    <!-- (one the back matter holds without a head, the works an edition's text names, is
         headed "Bibliography", as a division of that type is: it followed the text's last
         words as if it were more of them) -->
    <xsl:variable name="supplied" select="not(tei:head[normalize-space(.) != '']) and parent::tei:back"/>
    <xsl:variable name="has-head" select="tei:head[normalize-space(.) != ''] or $supplied"/>
    <xsl:element name="{substring('divsection', 1 + 3 * boolean($has-head), 3 + 4 * boolean($has-head))}">
      <xsl:attribute name="class">bibliography</xsl:attribute>
      <xsl:if test="not(ancestor::tei:listBibl)"><xsl:attribute name="role">doc-bibliography</xsl:attribute></xsl:if>
      <xsl:call-template name="atts"><xsl:with-param name="gen" select="true()"/></xsl:call-template>
      <xsl:if test="$supplied">
        <xsl:variable name="level"><xsl:call-template name="heading-level"/></xsl:variable>
        <xsl:call-template name="heading">
          <xsl:with-param name="level" select="number($level)"/>
          <xsl:with-param name="content" select="string($L[@k = 'div-bibliography'])"/>
          <xsl:with-param name="class" select="'head editorial'"/>
        </xsl:call-template>
      </xsl:if>
      <xsl:apply-templates select="tei:head"/>
      <xsl:if test="tei:bibl | tei:biblStruct | tei:biblFull | tei:msDesc">
        <ul>
          <xsl:for-each select="tei:bibl | tei:biblStruct | tei:biblFull | tei:msDesc">
            <li class="bibl">
              <xsl:call-template name="atts"><xsl:with-param name="gen" select="true()"/></xsl:call-template>
              <xsl:apply-templates select="." mode="entry"/>
              <xsl:call-template name="cited-by"/>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:if>
      <xsl:apply-templates select="*[not(self::tei:head or self::tei:bibl or self::tei:biblStruct or self::tei:biblFull or self::tei:msDesc)]"/>
    </xsl:element>
  </xsl:template>

  <!-- Back-links from an entry to every quotation, cit and title citing it. -->
  <xsl:template name="cited-by">
    <xsl:if test="@xml:id">
      <xsl:variable name="citing" select="key('quote-by-source', @xml:id) | key('cit-by-source', @xml:id)/*[self::tei:quote or self::tei:q][1]
          | key('name-by-ref', @xml:id)[self::tei:title]"/>
      <xsl:if test="$citing">
        <xsl:variable name="label"><xsl:call-template name="bibl-label"><xsl:with-param name="node" select="."/></xsl:call-template></xsl:variable>
        <span class="cited-by">
          <xsl:value-of select="concat(' ', $L[@k = 'cited'], ': ')"/>
          <xsl:for-each select="$citing">
            <xsl:if test="position() &gt; 1"><xsl:text>, </xsl:text></xsl:if>
            <a class="backlink">
              <xsl:attribute name="href">#<xsl:call-template name="id-value"/></xsl:attribute>
              <xsl:attribute name="aria-label"><xsl:value-of select="concat($L[@k = 'citation'], ' ', position(), ' ', $L[@k = 'of'], ' ', $label)"/></xsl:attribute>
              <xsl:value-of select="position()"/>
            </a>
          </xsl:for-each>
        </span>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- bibl outside a listBibl (in cit, in a paragraph): inline. -->
  <xsl:template match="tei:bibl | tei:biblStruct | tei:biblFull">
    <xsl:variable name="flow"><xsl:if test="not(parent::tei:cit)"><xsl:call-template name="block-here"/></xsl:if></xsl:variable>
    <xsl:variable name="el">
      <xsl:choose>
        <xsl:when test="$flow = 'y'">p</xsl:when>
        <xsl:otherwise>span</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:element name="{$el}">
      <xsl:attribute name="class">bibl</xsl:attribute>
      <xsl:call-template name="atts"/>
      <xsl:apply-templates select="." mode="entry"/>
      <xsl:call-template name="cited-by"/>
    </xsl:element>
  </xsl:template>

  <!-- A bibl as its encoder punctuated it; two parts of a citation (author, title, place,
       publisher, date, scope, number…) that stand side by side with nothing but white
       space between them (<pubPlace>Lyon</pubPlace><author>Georges Guigue</author>) are
       parted by a comma, never glued ("LyonGeorges Guigue"). Other elements in a bibl (an
       abbreviation's choice, a highlight, a name in running words) are words of a phrase:
       "flora herbonnensis ed. Willd." gets no comma. (A ref stands for a title, as in
       "<ref target='#FMS1'>Fornmanna sögur</ref><biblScope>I</biblScope>".) -->
  <xsl:variable name="bibl-parts" select="' author editor respStmt title meeting pubPlace publisher distributor date biblScope citedRange idno edition extent series imprint name persName orgName placeName ref '"/>
  <xsl:template match="tei:bibl | tei:biblFull | tei:msDesc" mode="entry">
    <xsl:for-each select="node()">
      <xsl:if test="self::tei:*[contains($bibl-parts, concat(' ', local-name(), ' '))]
          [preceding-sibling::node()[not(self::text()[normalize-space(.) = ''])][1][self::tei:*[contains($bibl-parts, concat(' ', local-name(), ' '))]][normalize-space(.) != '']]
          and normalize-space(.) != '' and ../self::tei:bibl">
        <xsl:text>, </xsl:text>
      </xsl:if>
      <xsl:choose>
        <!-- the white space between two such parts: the comma stands in for it -->
        <xsl:when test="self::text()[normalize-space(.) = ''] and ../self::tei:bibl
            and preceding-sibling::node()[1][self::tei:*[contains($bibl-parts, concat(' ', local-name(), ' '))]][normalize-space(.) != '']
            and following-sibling::node()[1][self::tei:*[contains($bibl-parts, concat(' ', local-name(), ' '))]][normalize-space(.) != '']"/>
        <xsl:otherwise><xsl:apply-templates select="."/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- biblStruct: a readable citation (authors, analytic title, In: editors, monograph
       title, imprint, scope, identifiers, notes). -->
  <xsl:template match="tei:biblStruct" mode="entry">
    <xsl:for-each select="tei:analytic">
      <xsl:call-template name="responsibles"/>
      <xsl:apply-templates select="tei:title" mode="bibl-part"/>
      <xsl:apply-templates select="*[not(self::tei:author or self::tei:editor or self::tei:title)]" mode="bibl-part"/>
      <xsl:text> In: </xsl:text>
    </xsl:for-each>
    <!-- an article in a journal: "Journal 41 (1930): 73–147." -->
    <xsl:for-each select="tei:monogr[../tei:analytic][tei:title[@level = 'j']]">
      <xsl:variable name="scopes" select="tei:biblScope | tei:imprint/tei:biblScope"/>
      <xsl:call-template name="responsibles"/>
      <xsl:apply-templates select="tei:title[1]"/>
      <xsl:for-each select="$scopes[@unit = 'volume' or @unit = 'vol' or @type = 'volume' or @type = 'vol']">
        <xsl:value-of select="concat(' ', normalize-space(.))"/>
      </xsl:for-each>
      <xsl:for-each select="$scopes[@unit = 'issue' or @type = 'issue']">
        <xsl:value-of select="concat('.', normalize-space(.))"/>
      </xsl:for-each>
      <!-- (Place: Publisher, Date), with what the imprint gives -->
      <xsl:for-each select="tei:imprint[tei:pubPlace or tei:publisher or tei:date]">
        <xsl:text> (</xsl:text>
        <xsl:for-each select="tei:pubPlace"><xsl:if test="position() &gt; 1">; </xsl:if><xsl:apply-templates/></xsl:for-each>
        <xsl:if test="tei:pubPlace and tei:publisher">: </xsl:if>
        <xsl:for-each select="tei:publisher"><xsl:if test="position() &gt; 1">; </xsl:if><xsl:apply-templates/></xsl:for-each>
        <xsl:if test="(tei:pubPlace or tei:publisher) and tei:date">, </xsl:if>
        <xsl:apply-templates select="tei:date[1]"/>
        <xsl:text>)</xsl:text>
      </xsl:for-each>
      <xsl:for-each select="$scopes[@unit = 'page' or @unit = 'pp' or @type = 'pages' or @type = 'pp']">
        <xsl:value-of select="concat(': ', normalize-space(.))"/>
      </xsl:for-each>
      <xsl:text>. </xsl:text>
      <xsl:apply-templates select="tei:idno | tei:imprint/tei:idno | tei:imprint/tei:note" mode="bibl-part"/>
    </xsl:for-each>
    <xsl:for-each select="tei:monogr[not(../tei:analytic and tei:title[@level = 'j'])]">
      <xsl:call-template name="responsibles"/>
      <xsl:apply-templates select="tei:title | tei:meeting | tei:edition" mode="bibl-part"/>
      <xsl:for-each select="tei:imprint">
        <xsl:variable name="parts" select="tei:pubPlace | tei:publisher | tei:date | tei:distributor"/>
        <xsl:if test="$parts">
          <span class="imprint">
            <xsl:for-each select="tei:pubPlace"><xsl:if test="position() &gt; 1">; </xsl:if><xsl:apply-templates/></xsl:for-each>
            <xsl:if test="tei:pubPlace and (tei:publisher | tei:distributor)">: </xsl:if>
            <xsl:for-each select="tei:publisher | tei:distributor"><xsl:if test="position() &gt; 1">; </xsl:if><xsl:apply-templates/></xsl:for-each>
            <xsl:if test="(tei:pubPlace | tei:publisher | tei:distributor) and tei:date">, </xsl:if>
            <xsl:for-each select="tei:date"><xsl:if test="position() &gt; 1">, </xsl:if><xsl:apply-templates select="."/></xsl:for-each>
            <xsl:text>. </xsl:text>
          </span>
        </xsl:if>
        <xsl:apply-templates select="*[not(self::tei:pubPlace or self::tei:publisher or self::tei:date or self::tei:distributor)]" mode="bibl-part"/>
      </xsl:for-each>
      <xsl:apply-templates select="*[not(self::tei:author or self::tei:editor or self::tei:title or self::tei:meeting
          or self::tei:edition or self::tei:imprint)]" mode="bibl-part"/>
    </xsl:for-each>
    <xsl:apply-templates select="*[not(self::tei:analytic or self::tei:monogr)]" mode="bibl-part"/>
  </xsl:template>

  <xsl:template name="responsibles">
    <xsl:variable name="a" select="tei:author"/>
    <xsl:variable name="e" select="tei:editor"/>
    <xsl:for-each select="$a">
      <xsl:if test="position() &gt; 1">
        <xsl:choose><xsl:when test="position() = last()"> and </xsl:when><xsl:otherwise>, </xsl:otherwise></xsl:choose>
      </xsl:if>
      <span class="author"><xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template><xsl:call-template name="person-name"/></span>
    </xsl:for-each>
    <xsl:if test="$a"><xsl:text>. </xsl:text></xsl:if>
    <xsl:for-each select="$e">
      <xsl:if test="position() &gt; 1">
        <xsl:choose><xsl:when test="position() = last()"> and </xsl:when><xsl:otherwise>, </xsl:otherwise></xsl:choose>
      </xsl:if>
      <span class="editor"><xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template><xsl:call-template name="person-name"/></span>
    </xsl:for-each>
    <xsl:if test="$e">
      <xsl:choose>
        <xsl:when test="count($e) &gt; 1"> (eds.). </xsl:when>
        <xsl:otherwise> (ed.). </xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <!-- Surname, forename when the name is structured; the text otherwise. -->
  <xsl:template name="person-name">
    <xsl:variable name="n" select="(tei:persName | .)[last()]"/>
    <xsl:choose>
      <xsl:when test="$n/tei:surname and $n/tei:forename and count($n/*) = count($n/tei:surname | $n/tei:forename) and not($n/text()[normalize-space(.) != ''])">
        <xsl:apply-templates select="$n/tei:surname"/>
        <xsl:text>, </xsl:text>
        <xsl:for-each select="$n/tei:forename"><xsl:if test="position() &gt; 1"><xsl:text> </xsl:text></xsl:if><xsl:apply-templates select="."/></xsl:for-each>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="*" mode="bibl-part">
    <span class="{local-name()}"><xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template><xsl:apply-templates/></span>
    <xsl:text>. </xsl:text>
  </xsl:template>
  <xsl:template match="tei:title" mode="bibl-part">
    <xsl:apply-templates select="."/>
    <xsl:text>. </xsl:text>
  </xsl:template>
  <xsl:template match="tei:note" mode="bibl-part">
    <xsl:apply-templates select="."/>
  </xsl:template>
  <!-- the address of the work, as reference managers export it (Zotero: note type="url"):
       a link where it stands, not a note -->
  <xsl:template match="tei:note[translate(@type, 'URL', 'url') = 'url'][starts-with(normalize-space(.), 'http://') or starts-with(normalize-space(.), 'https://')][not(*)]" mode="bibl-part">
    <xsl:variable name="url" select="normalize-space(.)"/>
    <xsl:variable name="href"><xsl:call-template name="href-of"><xsl:with-param name="p" select="$url"/></xsl:call-template></xsl:variable>
    <xsl:choose>
      <xsl:when test="$href != ''"><a href="{$href}" class="ref"><xsl:value-of select="$url"/></a></xsl:when>
      <xsl:otherwise><xsl:value-of select="$url"/></xsl:otherwise>
    </xsl:choose>
    <xsl:text>. </xsl:text>
  </xsl:template>
  <xsl:template match="tei:ptr | tei:ref" mode="bibl-part">
    <xsl:apply-templates select="."/>
    <xsl:text>. </xsl:text>
  </xsl:template>
  <xsl:template match="tei:biblScope | tei:citedRange" mode="bibl-part">
    <span class="{local-name()}">
      <xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template>
      <xsl:choose>
        <xsl:when test="normalize-space(.) != ''"><xsl:apply-templates/></xsl:when>
        <xsl:otherwise><xsl:value-of select="normalize-space(concat(@unit, ' ', @from, '–', @to))"/></xsl:otherwise>
      </xsl:choose>
    </span>
    <xsl:text>. </xsl:text>
  </xsl:template>
  <xsl:template match="tei:idno" mode="bibl-part">
    <span class="idno">
      <xsl:if test="@type"><xsl:value-of select="concat(@type, ': ')"/></xsl:if>
      <xsl:apply-templates/>
    </span>
    <xsl:text>. </xsl:text>
  </xsl:template>

  <!-- Bibliographic parts in a plain bibl (author, editor, publisher, ...). -->
  <xsl:template match="tei:author | tei:editor | tei:publisher | tei:pubPlace | tei:biblScope | tei:citedRange
      | tei:idno | tei:edition | tei:series | tei:imprint | tei:monogr | tei:analytic | tei:meeting
      | tei:extent | tei:distributor | tei:respStmt | tei:resp | tei:textLang | tei:relatedItem | tei:sponsor | tei:funder | tei:principal">
    <span class="{local-name()}"><xsl:call-template name="atts"/><xsl:apply-templates/></span>
  </xsl:template>

</xsl:stylesheet>
