<?xml version="1.0" encoding="UTF-8"?>
<!-- Critical apparatus: app/lem/rdg, the lemma in the text, the readings with their witnesses in the notes. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:eg="http://www.tei-c.org/ns/Examples"
    xmlns:str="http://exslt.org/strings"
    xmlns:exsl="http://exslt.org/common"
    extension-element-prefixes="str exsl"
    exclude-result-prefixes="tei eg str exsl">

  <!-- Apparatus: the lemma (or, when there is none, the first reading) stands in the
       text; the entry goes to the notes, in the textual series (lettered, like the other
       notes on the text): "cano G R] canto M", sigla from the witness list, editors'
       names (@resp) after their readings. An app standing between blocks whose readings
       hold paragraphs is a div.app with its lemma's blocks. -->
  <!-- An app's lemma, also one inside a group of readings (the Froissart edition groups its
       lemma with the readings that agree with it: rdgGrp/lem after a first rdg); the app in
       the text and its entry both ask. -->
  <xsl:key name="app-lemma" match="tei:app/tei:lem | tei:app/tei:rdgGrp/tei:lem | tei:app/tei:rdgGrp/tei:rdgGrp/tei:lem"
      use="generate-id(ancestor::tei:app[1])"/>
  <!-- An app whose readings hold blocks (lines, paragraphs): only such an app is a block;
       one among words written straight in the body, as a collated Bible has them, stays in
       its line. The app and its readings both ask. -->
  <xsl:key name="app-of-blocks" match="tei:app[.//tei:p or .//tei:l or .//tei:lg or .//tei:ab or .//tei:div or .//tei:sp or .//tei:list or .//tei:table]"
      use="generate-id()"/>

  <xsl:template match="tei:app">
    <xsl:variable name="id"><xsl:call-template name="id-value"/></xsl:variable>
    <xsl:variable name="flow"><xsl:if test="key('app-of-blocks', generate-id())"><xsl:apply-templates select=".." mode="is-flow"/></xsl:if></xsl:variable>
    <xsl:variable name="lemma" select="key('app-lemma', generate-id())[1]"/>
    <xsl:variable name="shown" select="($lemma | tei:rdg[not($lemma)][1] | tei:rdgGrp[not($lemma)][1]/tei:rdg[1])[1]"/>
    <!-- an entry that points at the passage it is on (@from, the double-end-point method:
         the base text stands in the text, anchored, and the lemma repeats it) is only its
         call: the PROLOPE Lope printed "Representa su su" -->
    <xsl:variable name="pointing" select="starts-with(normalize-space(@from), '#') and key('id', substring-after(normalize-space(@from), '#'))"/>
    <xsl:element name="{substring('spandiv', 1 + 4 * ($flow = 'y'), 4 - ($flow = 'y'))}">
      <xsl:attribute name="class">app</xsl:attribute>
      <xsl:attribute name="id"><xsl:value-of select="$id"/></xsl:attribute>
      <xsl:apply-templates select="@xml:lang" mode="att"/>
      <xsl:if test="not($pointing)"><xsl:apply-templates select="$shown"/></xsl:if>
    </xsl:element>
    <xsl:if test="not(key('silent-app', generate-id()))"><xsl:call-template name="app-call"><xsl:with-param name="id" select="$id"/></xsl:call-template></xsl:if>
    <!-- the space that ended the shown reading, which the reading's template leaves out
         (the same node test as there) -->
    <xsl:variable name="next" select="(following-sibling::node()[1])[self::text()]"/>
    <xsl:if test="not($pointing) and $shown/node()[last()][self::text()][normalize-space(substring(., string-length(.))) = '']
        and not($next and normalize-space(substring($next, 1, 1)) = '')"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>

  <xsl:template name="app-call">
    <xsl:param name="id"/>
    <a class="noteref appref" role="doc-noteref" id="noteref-{$id}-note" href="#{$id}-note" data-series="textual">
      <xsl:call-template name="note-number"/>
    </a>
  </xsl:template>

  <xsl:template match="tei:lem | tei:rdg">
    <xsl:variable name="app" select="ancestor::tei:app[1]"/>
    <xsl:variable name="flow"><xsl:if test="key('app-of-blocks', generate-id($app))"><xsl:apply-templates select="$app/.." mode="is-flow"/></xsl:if></xsl:variable>
    <xsl:element name="{substring('spandiv', 1 + 4 * ($flow = 'y'), 4 - ($flow = 'y'))}">
      <xsl:attribute name="class"><xsl:value-of select="local-name()"/></xsl:attribute>
      <xsl:call-template name="atts"/>
      <xsl:if test="@wit"><xsl:attribute name="data-wit"><xsl:value-of select="normalize-space(@wit)"/></xsl:attribute></xsl:if>
      <!-- the space that ends the reading goes after its call (see the app template), so
           that the call follows the word and stays apart from the next -->
      <xsl:variable name="last" select="node()[last()][self::text()][normalize-space(substring(., string-length(.))) = '']"/>
      <xsl:apply-templates select="node()[count(. | $last) != count($last)]"/>
      <xsl:for-each select="$last[normalize-space(.) != '']">
        <xsl:variable name="joined" select="(preceding-sibling::node()[1])[self::tei:lb[@break = 'no' or @type = 'inWord' or @type = 'hyphenInWord']]"/>
        <xsl:value-of select="concat(substring(' ', 1, number(not($joined) and normalize-space(substring(., 1, 1)) = '')), normalize-space(.))"/>
      </xsl:for-each>
    </xsl:element>
  </xsl:template>

  <!-- The sigla of a reading's witnesses ("G R") and of the printed sources it is taken
       from (@source, a bibl: "Acta"): a witness's or source's @n, else its
       abbr[@type='siglum'], else its id; then, in parentheses, who proposed it (@resp). -->
  <!-- A list of witnesses in the text itself (in front, before the poems it collates) reads
       as the one in the header's source description does: each witness by its siglum, then
       what it is. -->
  <xsl:template match="tei:text//tei:listWit">
    <xsl:apply-templates select="." mode="about"/>
  </xsl:template>

  <!-- A witness's (or source's) siglum: its @n, else its abbr[@type='siglum'] as written
       (EdZ with its raised Z), else its id. -->
  <xsl:template name="witness-siglum">
    <xsl:variable name="abbr" select="tei:abbr[@type = 'siglum'][1]"/>
    <xsl:choose>
      <xsl:when test="normalize-space(@n) != ''"><xsl:value-of select="normalize-space(@n)"/></xsl:when>
      <xsl:when test="$abbr and not($abbr//*[@xml:id])"><xsl:apply-templates select="$abbr/node()"/></xsl:when>
      <xsl:when test="$abbr"><xsl:value-of select="normalize-space($abbr)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="@xml:id"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="sigla">
    <xsl:for-each select="str:tokenize(normalize-space(concat(@wit, ' ', @source)), ' ')">
      <xsl:variable name="token" select="string(.)"/>
      <xsl:text> </xsl:text>
      <span class="siglum">
        <xsl:for-each select="$root-node">
          <xsl:variable name="witness" select="key('id', translate($token, '#', ''))[1]"/>
          <xsl:choose>
            <xsl:when test="$witness"><xsl:for-each select="$witness"><xsl:call-template name="witness-siglum"/></xsl:for-each></xsl:when>
            <xsl:otherwise><xsl:value-of select="translate($token, '#', '')"/></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </span>
    </xsl:for-each>
    <xsl:if test="normalize-space(@resp) != ''">
      <xsl:text> (</xsl:text>
      <xsl:for-each select="str:tokenize(normalize-space(@resp), ' ')">
        <xsl:variable name="token" select="string(.)"/>
        <xsl:if test="position() &gt; 1"><xsl:text>, </xsl:text></xsl:if>
        <xsl:for-each select="$root-node">
          <xsl:variable name="who" select="key('id', translate($token, '#', ''))[1]"/>
          <xsl:variable name="name">
            <xsl:for-each select="$who">
              <xsl:call-template name="name-of"><xsl:with-param name="node" select="(self::tei:respStmt/*[self::tei:persName or self::tei:name or self::tei:orgName] | self::tei:person/tei:persName | self::*[not(self::tei:respStmt or self::tei:person)])[1]"/></xsl:call-template>
            </xsl:for-each>
          </xsl:variable>
          <xsl:choose>
            <xsl:when test="normalize-space($name) != ''"><xsl:value-of select="normalize-space($name)"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="translate($token, '#', '')"/></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </xsl:for-each>
      <xsl:text>)</xsl:text>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:app" mode="note-body">
    <xsl:variable name="id"><xsl:call-template name="id-value"/></xsl:variable>
    <xsl:variable name="num"><xsl:call-template name="note-number"/></xsl:variable>
    <aside class="note app-note" role="doc-footnote" id="{$id}-note" data-place="foot" data-type="apparatus" aria-label="{$L-variant} {$num}">
      <p>
        <a class="backlink" role="doc-backlink" href="#noteref-{$id}-note" aria-label="{$L-back-to-variant} {$num}"><xsl:value-of select="$num"/></a>
        <xsl:text> </xsl:text>
        <xsl:call-template name="app-entry-content"/>
      </p>
    </aside>
  </xsl:template>

  <!-- An entry of the apparatus: the lemma repeated with its witnesses, closed by a
       bracket, then the readings (all of them when there is no lemma) and the notes. -->
  <xsl:template name="app-entry-content">
    <!-- the lemma repeated, with its witnesses, closed by a bracket (the lemma of a group
         of readings too) -->
    <xsl:variable name="lemma" select="key('app-lemma', generate-id())[1]"/>
    <!-- (an empty lemma with nothing to say of its witnesses, where a witness adds words:
         the readings alone, "C. […] V", not "] C. […] V") -->
    <xsl:for-each select="$lemma[normalize-space(.) != '' or * or @wit or @source]">
      <span class="lem-repeat"><xsl:call-template name="plain-of"><xsl:with-param name="node" select="node()[not(self::tei:witDetail)]"/></xsl:call-template></span>
      <xsl:call-template name="sigla"/>
      <xsl:call-template name="wit-details"/>
      <xsl:text>] </xsl:text>
    </xsl:for-each>
    <!-- the readings (all of them when there is no lemma), each with its sigla; what the
         entry says of a witness (witDetail) after the readings -->
    <!-- (without a lemma the first reading stands in the text: here its words only, as
         the lemma is repeated, so that nothing of it, an id, a page, a note, is there twice) -->
    <xsl:variable name="shown" select="(tei:rdg[not($lemma)][1] | tei:rdgGrp[not($lemma)][1]/tei:rdg[1])[1]"/>
    <!-- (a witDetail or note without words, a project's marker of a correction, says
         nothing: no empty slot after a semicolon) -->
    <xsl:for-each select="(tei:rdg | tei:rdgGrp/tei:rdg | tei:rdgGrp/tei:rdgGrp/tei:rdg | tei:rdgGrp/tei:lem
        | tei:note[normalize-space(.) != '' or *] | tei:witDetail[normalize-space(.) != '' or *])[count(. | $lemma) != count($lemma)]">
      <xsl:if test="position() &gt; 1"><xsl:text>; </xsl:text></xsl:if>
      <span class="{local-name()}-entry">
        <xsl:choose>
          <xsl:when test="count(. | $shown) = count($shown)"><xsl:call-template name="plain-of"><xsl:with-param name="node" select="node()[not(self::tei:witDetail)]"/></xsl:call-template></xsl:when>
          <xsl:otherwise><xsl:apply-templates select="node()[not(self::tei:witDetail)]" mode="app-entry"/></xsl:otherwise>
        </xsl:choose>
        <xsl:if test="self::tei:rdg and normalize-space(.) = '' and not(*[not(self::tei:pb or self::tei:lb or self::tei:cb or self::tei:witDetail)])"><xsl:value-of select="concat('(', $L[@k = 'omitted'], ')')"/></xsl:if>
      </span>
      <xsl:if test="not(self::tei:witDetail)"><xsl:call-template name="sigla"/></xsl:if>
      <xsl:call-template name="wit-details"/>
    </xsl:for-each>
  </xsl:template>
  <!-- What an entry says of a reading's witness (witDetail inside the reading), in
       parentheses after its sigla: it was printed inside the text, glued to the lemma. -->
  <xsl:template name="wit-details">
    <xsl:for-each select="tei:witDetail[normalize-space(.) != '']">
      <xsl:text> (</xsl:text>
      <xsl:apply-templates mode="app-entry"/>
      <xsl:text>)</xsl:text>
    </xsl:for-each>
  </xsl:template>
  <!-- (in the text, a reading's witDetail is the apparatus's, not the text's) -->
  <xsl:template match="tei:lem/tei:witDetail | tei:rdg/tei:witDetail"/>
  <!-- A page break of a witness inside a reading of the apparatus is that witness's folio,
       named in the entry ("|370v|"), not a page of the edition. -->
  <xsl:template match="tei:pb" mode="app-entry">
    <xsl:if test="normalize-space(@n) != ''">
      <span class="pb-witness"><xsl:value-of select="concat(' |', normalize-space(@n), '| ')"/></span>
    </xsl:if>
  </xsl:template>

  <!-- A space a witness leaves (<rdg wit="#B"><space extent="8" unit="chars"/></rdg>, a
       word erased) is said in words, as "(omitted)" is: the entry read "se habet] bal",
       as if that witness agreed with the lemma. -->
  <xsl:template match="tei:space" mode="app-entry">
    <span class="space-entry"><xsl:value-of select="concat('(', $L[@k = 'blank-space'], ')')"/></span>
  </xsl:template>

  <!-- An apparatus kept apart from the text (listApp, as EpiDoc editions have it): a list
       of its entries where it stands, each with its place in the text (@loc, @n); nothing
       is called from the text and nothing goes to the notes. -->
  <xsl:template match="tei:listApp">
    <div class="list-app">
      <xsl:call-template name="atts"/>
      <xsl:apply-templates select="tei:head"/>
      <ul class="apparatus">
        <xsl:for-each select="tei:app">
          <li class="app-entry">
            <xsl:call-template name="atts"><xsl:with-param name="gen" select="true()"/></xsl:call-template>
            <xsl:variable name="where" select="normalize-space((@loc | @n)[1])"/>
            <xsl:if test="$where != ''"><span class="app-loc"><xsl:value-of select="$where"/></span><xsl:text> </xsl:text></xsl:if>
            <xsl:call-template name="app-entry-content"/>
          </li>
        </xsl:for-each>
      </ul>
      <xsl:apply-templates select="*[not(self::tei:head or self::tei:app)]"/>
    </div>
  </xsl:template>

  <!-- A reading in the apparatus entry is phrase-level: its paragraphs and verse lines
       are spans set apart by a space; everything else renders as usual. -->
  <xsl:template match="*" mode="app-entry"><xsl:apply-templates select="."/></xsl:template>
  <xsl:template match="text()" mode="app-entry"><xsl:value-of select="."/></xsl:template>
  <xsl:template match="tei:p | tei:ab | tei:l | tei:lg | tei:head" mode="app-entry">
    <xsl:if test="preceding-sibling::*"><xsl:text> </xsl:text></xsl:if>
    <span class="{local-name()}"><xsl:apply-templates mode="app-entry"/></span>
  </xsl:template>

</xsl:stylesheet>
