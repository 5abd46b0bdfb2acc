<?xml version="1.0" encoding="UTF-8"?>
<!-- Helpers every construct calls: anchors, language, heading levels, plain text, block/inline decisions, interface words, dates, links, spacing. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:eg="http://www.tei-c.org/ns/Examples"
    xmlns:str="http://exslt.org/strings"
    xmlns:exsl="http://exslt.org/common"
    xmlns:e="urn:editio"
    xmlns:xi="http://www.w3.org/2001/XInclude"
    extension-element-prefixes="str exsl"
    exclude-result-prefixes="tei eg str exsl e xi">

  <!-- Anchors of elements without xml:id are numbered once by editio before the
       transform (editio.hub.ids) and marked editio:id: every output uses the same ids. -->
  <xsl:variable name="root-node" select="/"/>

  <!-- Paragraph numbers: the paragraphs (p, ab) of the text outside notes, in document
       order, numbered once before the transform (editio.hub.ids, editio:para); shown as
       permalinks and used as locators ("¶ 12"). -->
  <xsl:template name="para-number"><xsl:value-of select="@e:para"/></xsl:template>

  <!-- The anchor of the current element: its xml:id, else the id editio numbered for it
       (NAME-N), else NAME-N by its position among all same-named elements. -->
  <xsl:template name="id-value">
    <xsl:choose>
      <xsl:when test="@xml:id"><xsl:value-of select="@xml:id"/></xsl:when>
      <xsl:when test="@e:id"><xsl:value-of select="@e:id"/></xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="local-name()"/>
        <xsl:text>-</xsl:text>
        <xsl:number level="any"/>
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
    <!-- the alignment the source gives a block (rend="right", rend="center center",
         style="text-align: right"): a dateline and a signature set to the right -->
    <xsl:if test="@rend or @style or @rendition">
      <!-- (a rendition's CSS, from the header's tagsDecl: DTA's rendition="#c") -->
      <xsl:variable name="css"><xsl:if test="@rendition"><xsl:call-template name="rendition-css"/></xsl:if></xsl:variable>
      <xsl:variable name="rend" select="translate(concat(' ', @rend, ' ', @style, ' ', $css, ' '), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ|;:()', 'abcdefghijklmnopqrstuvwxyz     ')"/>
      <xsl:choose>
        <xsl:when test="contains($rend, ' right ') or contains($rend, ' align-right ') or contains($rend, ' flush-right ')">
          <xsl:attribute name="data-align">right</xsl:attribute>
        </xsl:when>
        <xsl:when test="contains($rend, ' center ') or contains($rend, ' centre ') or contains($rend, ' centered ') or contains($rend, ' align-center ')">
          <xsl:attribute name="data-align">center</xsl:attribute>
        </xsl:when>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <!-- The CSS of the renditions an element's @rendition points at (tagsDecl), each
       followed by a semicolon. (key() looks in the document of the context node: each
       pointer is looked up with the element as context, not the token.) -->
  <xsl:template name="rendition-css">
    <xsl:variable name="element" select="."/>
    <xsl:for-each select="str:tokenize(normalize-space(@rendition), ' ')">
      <xsl:variable name="id" select="substring-after(., '#')"/>
      <xsl:for-each select="$element">
        <xsl:for-each select="key('rendition', $id)"><xsl:value-of select="concat(' ', ., ';')"/></xsl:for-each>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:template>

  <!-- xml:lang as an HTML lang: a valid BCP 47 tag ('greek' → el, 'eng' → en); a value
       that cannot be one is left out (the text then has its parent's language). -->
  <xsl:template match="@xml:lang" mode="att">
    <xsl:variable name="tag"><xsl:call-template name="bcp47"><xsl:with-param name="v" select="."/></xsl:call-template></xsl:variable>
    <xsl:if test="$tag != ''">
      <xsl:attribute name="lang"><xsl:value-of select="$tag"/></xsl:attribute>
      <!-- the writing direction where it changes: Hebrew in a German letter, English in
           a Hebrew text (the language around is the nearest ancestor's, or the text's) -->
      <xsl:variable name="dir"><xsl:call-template name="direction"><xsl:with-param name="tag" select="$tag"/></xsl:call-template></xsl:variable>
      <xsl:variable name="around">
        <xsl:call-template name="direction">
          <xsl:with-param name="tag">
            <xsl:choose>
              <xsl:when test="../ancestor::*[@xml:lang]">
                <xsl:call-template name="bcp47"><xsl:with-param name="v" select="../ancestor::*[@xml:lang][1]/@xml:lang"/></xsl:call-template>
              </xsl:when>
              <xsl:otherwise><xsl:value-of select="$doc-lang"/></xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:variable>
      <xsl:if test="$dir != $around"><xsl:attribute name="dir"><xsl:value-of select="$dir"/></xsl:attribute></xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- 'rtl' for a language written right to left (Arabic, Hebrew, Persian, Urdu, Yiddish,
       Syriac…, or any tag naming such a script), 'ltr' for the others ('he-Latn' is a
       transliteration, left to right). -->
  <xsl:template name="direction">
    <xsl:param name="tag"/>
    <xsl:variable name="t" select="concat(translate($tag, $UPPER, $LOWER), '-')"/>
    <xsl:variable name="primary" select="substring-before($t, '-')"/>
    <xsl:choose>
      <xsl:when test="contains($t, '-arab-') or contains($t, '-hebr-') or contains($t, '-syrc-') or contains($t, '-thaa-')
                      or contains($t, '-nkoo-') or contains($t, '-samr-') or contains($t, '-mand-')">rtl</xsl:when>
      <xsl:when test="contains($t, '-latn-') or contains($t, '-cyrl-') or contains($t, '-grek-')">ltr</xsl:when>
      <xsl:when test="contains(' ar he iw fa ur yi ji ps sd ug dv ckb syr arc sam ', concat(' ', $primary, ' '))">rtl</xsl:when>
      <xsl:otherwise>ltr</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============ languages (styles/languages.xml, injected in tei.xsl) ============ -->
  <xsl:variable name="languages" select="exsl:node-set($languages-rtf)/language"/>
  <xsl:variable name="LOWER" select="'abcdefghijklmnopqrstuvwxyz'"/>
  <xsl:variable name="UPPER" select="'ABCDEFGHIJKLMNOPQRSTUVWXYZ'"/>

  <!-- A language value as a BCP 47 tag: ISO 639-2/3 codes and names with a two-letter
       equivalent become it (region and other subtags kept); other well-formed tags pass;
       anything else gives ''. The same rules as editio.i18n.bcp47. -->
  <xsl:template name="bcp47">
    <xsl:param name="v"/>
    <xsl:variable name="value" select="translate(normalize-space($v), '_', '-')"/>
    <xsl:variable name="first" select="translate(substring-before(concat($value, '-'), '-'), $UPPER, $LOWER)"/>
    <xsl:variable name="rest" select="substring-after($value, '-')"/>
    <xsl:variable name="row" select="$languages[@tag = $first or contains(concat(' ', @aliases, ' '), concat(' ', $first, ' '))][1]"/>
    <xsl:variable name="whole" select="$languages[contains(concat(' ', @aliases, ' '), concat(' ', translate($value, $UPPER, $LOWER), ' '))][1]"/>
    <xsl:choose>
      <xsl:when test="$value = ''"/>
      <xsl:when test="$row">
        <xsl:value-of select="$row/@tag"/>
        <xsl:if test="$rest != ''"><xsl:value-of select="concat('-', $rest)"/></xsl:if>
      </xsl:when>
      <xsl:when test="$whole"><xsl:value-of select="$whole/@tag"/></xsl:when>
      <xsl:when test="string-length($first) &gt;= 2 and string-length($first) &lt;= 3 and translate($first, $LOWER, '') = ''
          and translate($rest, concat($LOWER, $UPPER, '0123456789-'), '') = ''
          and ($rest = '' or not(contains(concat('-', $rest, '-'), '--')))">
        <xsl:value-of select="$value"/>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- The quotation marks of the language in force here: outer open, outer close, inner
       open, inner close (styles/languages.xml; English marks for a language not listed). -->
  <xsl:template name="quote-marks">
    <xsl:variable name="own" select="ancestor-or-self::*[@xml:lang][1]/@xml:lang"/>
    <xsl:variable name="tag">
      <xsl:choose>
        <xsl:when test="$own"><xsl:call-template name="bcp47"><xsl:with-param name="v" select="$own"/></xsl:call-template></xsl:when>
        <xsl:otherwise><xsl:value-of select="$doc-lang"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="first" select="translate(substring-before(concat($tag, '-'), '-'), $UPPER, $LOWER)"/>
    <xsl:variable name="row" select="$languages[@tag = $first][1]"/>
    <xsl:choose>
      <xsl:when test="$row"><xsl:value-of select="$row/@quotes"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$languages[@tag = 'en']/@quotes"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Heading level of a container (div, listBibl, castList...): 2 below the title page,
       one more per enclosing container that has a heading, so levels never skip. -->
  <xsl:template name="heading-level">
    <xsl:param name="node" select="."/>
    <xsl:value-of select="2
      + count($node/ancestor::*[self::tei:div or self::tei:div1 or self::tei:div2 or self::tei:div3
            or self::tei:div4 or self::tei:div5 or self::tei:div6 or self::tei:div7
            or self::tei:listBibl or self::tei:group or self::tei:lg or self::tei:front or self::tei:body or self::tei:back][tei:head[normalize-space(.) != '']
            or (not(self::tei:listBibl or self::tei:group or self::tei:lg) and contains($headed-parts, concat(' ', translate(normalize-space(@type),
                'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), ' ')))])
      + count($node/ancestor::tei:castList[not(ancestor::tei:castList)])
      + count($node/ancestor::tei:TEI[parent::tei:teiCorpus or parent::tei:TEI])
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
  <!-- (the white space beside a line break inside a word is the source's layout, not a
       word space: "με" <lb break="no"/> "τὰ" is one word in plain text too) -->
  <xsl:template match="text()" mode="plain">
    <xsl:variable name="before" select="(preceding-sibling::node()[1])[self::tei:lb[@break = 'no' or @type = 'inWord' or @type = 'hyphenInWord']]"/>
    <xsl:variable name="after" select="(following-sibling::node()[1])[self::tei:lb[@break = 'no' or @type = 'inWord' or @type = 'hyphenInWord']]"/>
    <xsl:variable name="lead" select="substring(' ', 1, number(not($before) and normalize-space(substring(., 1, 1)) = ''))"/>
    <xsl:variable name="trail" select="substring(' ', 1, number(not($after) and normalize-space(substring(., string-length(.))) = ''))"/>
    <xsl:choose>
      <xsl:when test="$before or $after"><xsl:value-of select="concat($lead, normalize-space(.), $trail)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="*" mode="plain"><xsl:apply-templates mode="plain"/></xsl:template>
  <!-- (a source reading is left out where the choice gives its edited one; an abbreviation
       standing alone, "Louisville, <abbr>Ky</abbr>", is the text's word) -->
  <xsl:template match="tei:note | tei:rdg | tei:choice/tei:sic | tei:choice/tei:orig | tei:choice/tei:abbr | tei:del | tei:fw | tei:figDesc | tei:index" mode="plain"/>
  <xsl:template match="tei:choice[tei:corr or tei:reg or tei:expan]" mode="plain">
    <xsl:apply-templates select="(tei:corr | tei:reg | tei:expan)[1]" mode="plain"/>
  </xsl:template>
  <xsl:template match="tei:choice" mode="plain"><xsl:apply-templates select="*[1]" mode="plain"/></xsl:template>
  <xsl:template match="tei:lb" mode="plain">
    <xsl:variable name="nobreak"><xsl:call-template name="lb-nobreak"/></xsl:variable>
    <xsl:if test="$nobreak != 'y'"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>
  <xsl:template match="tei:gap" mode="plain"><xsl:text>[…]</xsl:text></xsl:template>
  <!-- an empty link in a plain text (a source line, a citation): the address it points at,
       when a reader can follow it (a bibl's "<ref target="https://…"/>") -->
  <xsl:template match="tei:ref[normalize-space(.) = ''][not(*)] | tei:ptr" mode="plain">
    <xsl:variable name="first" select="substring-before(concat(normalize-space(@target), ' '), ' ')"/>
    <xsl:if test="starts-with($first, 'http://') or starts-with($first, 'https://')"><xsl:value-of select="$first"/></xsl:if>
  </xsl:template>
  <!-- quotations keep their marks in plain text unless the text around already has them -->
  <xsl:template match="tei:q | tei:quote | tei:said[not(@direct = 'false')] | tei:soCalled | tei:title[@level = 'a']" mode="plain">
    <xsl:variable name="marked"><xsl:call-template name="marked"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="normalize-space($marked) = 'marked'"><xsl:apply-templates mode="plain"/></xsl:when>
      <xsl:otherwise>
        <!-- (the marks stand against the words: a title laid out on lines of its own in
             the source is no “ [О насилии] ”) -->
        <xsl:variable name="words"><xsl:apply-templates mode="plain"/></xsl:variable>
        <xsl:value-of select="concat('“', normalize-space($words), '”')"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A person's or organisation's name as words: the name itself, without the idno,
       email, affiliation, address or notes that TEI allows inside author, editor and the
       like ("William Shakespeare", not "William Shakespeare Q692"); forename and surname
       a word apart. -->
  <xsl:template name="name-of">
    <xsl:param name="node" select="."/>
    <xsl:variable name="t"><xsl:apply-templates select="$node" mode="name"/></xsl:variable>
    <xsl:value-of select="normalize-space($t)"/>
  </xsl:template>
  <xsl:template match="*" mode="name"><xsl:apply-templates mode="name"/></xsl:template>
  <!-- a credit that says in words what it is around its name ("<editor>Edición crítica
       digital de <persName>Gonzalo Pontón Gijón</persName></editor>"): the name, which the
       credit's own label ("Edited by") introduces; "Edición de Edición crítica…" repeated it -->
  <xsl:template match="*[self::tei:editor or self::tei:author][tei:persName or tei:orgName or tei:name]
      [text()[normalize-space(.) != '']]" mode="name">
    <xsl:for-each select="tei:persName | tei:orgName | tei:name">
      <xsl:if test="position() &gt; 1"><xsl:text>, </xsl:text></xsl:if>
      <xsl:apply-templates select="." mode="name"/>
    </xsl:for-each>
  </xsl:template>
  <!-- an author filed as a catalogue files it, surname first with life dates (ELTeC's
       "Dickens, Charles (1812-1870)", "Malavašič, Franc (?-?)"): the name as it is read,
       "Charles Dickens" (the dates are the catalogue's, not the title page's) -->
  <!-- (and without the dates, when the name is two short parts about one comma:
       GerDraCor's "Günderode, Karoline von" is "Karoline von Günderode") -->
  <xsl:template match="tei:author[not(*)][contains(., ',')][not(contains(., '('))]
      [not(contains(substring-after(., ','), ','))][translate(., '0123456789', '') = .]
      [string-length(normalize-space(substring-before(., ','))) &lt; 40][string-length(normalize-space(substring-after(., ','))) &lt; 40]
      [contains('ABCDEFGHIJKLMNOPQRSTUVWXYZÀÁÂÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÖØÙÚÛÜÝÞŁŚŠŽČŘ', substring(normalize-space(substring-after(., ',')), 1, 1))]" mode="name">
    <xsl:value-of select="concat(normalize-space(substring-after(., ',')), ' ', normalize-space(substring-before(., ',')))"/>
  </xsl:template>
  <xsl:template match="tei:author[not(*)][contains(., ',')][contains(., '(')]" mode="name">
    <xsl:variable name="name" select="normalize-space(substring-before(., '('))"/>
    <xsl:variable name="dates" select="normalize-space(substring-after(., '('))"/>
    <xsl:choose>
      <xsl:when test="translate($dates, '0123456789?-–—) .', '') = '' and contains($dates, ')')
                      and not(contains(substring-after($name, ','), ','))
                      and normalize-space(substring-after($name, ',')) != ''">
        <!-- (a catalogue's remark on the name stays after it: "Edna Lyall [pseud.]") -->
        <xsl:variable name="fore" select="normalize-space(substring-after($name, ','))"/>
        <xsl:variable name="remark" select="substring-after($fore, '[')"/>
        <xsl:choose>
          <xsl:when test="$remark != ''">
            <xsl:value-of select="concat(normalize-space(substring-before($fore, '[')), ' ', normalize-space(substring-before($name, ',')), ' [', $remark)"/>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="concat($fore, ' ', normalize-space(substring-before($name, ',')))"/></xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates mode="name"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <!-- an author given one name and others beside it (DraCor's <author><persName>Molière
       </persName><addName type="aka">Pocquelin, Jean-Baptiste</addName></author>, or a
       pseudonym's persName after the name): the first name, not all of them run together
       ("Molière Pocquelin, Jean-Baptiste") -->
  <xsl:template match="*[self::tei:author or self::tei:editor][tei:persName][tei:addName or tei:persName[2]]
      [not(text()[normalize-space(.) != ''])]" mode="name">
    <xsl:apply-templates select="tei:persName[normalize-space(.) != ''][1]" mode="name"/>
  </xsl:template>
  <!-- a name given only by its reference (persName ref="#Gi"/, as a postcard edition
       names its sender): the name of the entry it points at -->
  <xsl:template match="*[self::tei:persName or self::tei:placeName or self::tei:orgName or self::tei:name or self::tei:rs]
      [normalize-space(.) = ''][not(*)][starts-with(normalize-space(@ref), '#')]" mode="name">
    <xsl:variable name="target" select="key('id', substring-after(substring-before(concat(normalize-space(@ref), ' '), ' '), '#'))[1]"/>
    <xsl:apply-templates select="($target/*[self::tei:persName or self::tei:placeName or self::tei:orgName or self::tei:name or self::tei:geogName or self::tei:settlement][normalize-space(.) != ''])[1]" mode="name"/>
  </xsl:template>
  <xsl:template match="text()" mode="name"><xsl:value-of select="."/></xsl:template>
  <xsl:template match="tei:forename | tei:surname | tei:roleName | tei:addName | tei:genName | tei:nameLink" mode="name">
    <xsl:text> </xsl:text><xsl:apply-templates mode="name"/><xsl:text> </xsl:text>
  </xsl:template>
  <!-- a name encoded surname first ("<surname>Kamiet</surname><forename>Joachim</forename>")
       reads as it is filed: "Kamiet, Joachim" -->
  <xsl:template match="tei:persName[tei:surname and tei:forename][not(text()[normalize-space(.) != ''])]
      [tei:surname[1][not(preceding-sibling::tei:forename)]]" mode="name">
    <xsl:variable name="filed"><xsl:apply-templates select="tei:surname[1]/preceding-sibling::* | tei:surname[1]" mode="name"/></xsl:variable>
    <xsl:variable name="rest"><xsl:apply-templates select="tei:surname[1]/following-sibling::*" mode="name"/></xsl:variable>
    <xsl:value-of select="concat(' ', normalize-space($filed), ', ', normalize-space($rest), ' ')"/>
  </xsl:template>

  <!-- Names one after another: parted by commas, by semicolons when a name is written
       surname first ("Müller, Martin; Susen, Gerd"); each in span.person with
       $spans, each once with $once (a person the header names twice). -->
  <xsl:template name="name-list">
    <xsl:param name="people"/>
    <xsl:param name="spans" select="false()"/>
    <xsl:param name="once" select="false()"/>
    <xsl:variable name="names-rtf"><xsl:for-each select="$people"><n><xsl:call-template name="name-of"/></n></xsl:for-each></xsl:variable>
    <xsl:variable name="names" select="exsl:node-set($names-rtf)/n[. != ''][not($once and . = preceding-sibling::n)]"/>
    <xsl:variable name="sep"><xsl:choose><xsl:when test="$names[contains(., ',')]">; </xsl:when><xsl:otherwise>, </xsl:otherwise></xsl:choose></xsl:variable>
    <xsl:for-each select="$names">
      <xsl:if test="position() &gt; 1"><xsl:value-of select="$sep"/></xsl:if>
      <xsl:choose>
        <xsl:when test="$spans"><span class="person"><xsl:value-of select="."/></span></xsl:when>
        <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>
  <xsl:template match="tei:idno | tei:email | tei:affiliation | tei:address | tei:note | tei:ptr | tei:ref[not(normalize-space(.) != '')]
      | tei:birth | tei:death | tei:occupation | tei:residence" mode="name"/>

  <!-- True ('y') when the HTML made from this TEI element may contain blocks (flow content). -->
  <xsl:template match="*" mode="is-flow"/>
  <xsl:template mode="is-flow" match="tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7
      | tei:body | tei:front | tei:back | tei:text | tei:group | tei:TEI | tei:teiCorpus | tei:sp | tei:item
      | tei:cell | tei:floatingText | tei:epigraph | tei:argument | tei:opener | tei:closer | tei:postscript
      | tei:figure | tei:titlePage | tei:lg | tei:standOff | tei:person | tei:place | tei:org | tei:event
      | tei:castList | tei:castGroup | tei:msDesc | tei:letter | tei:docTitle | tei:docImprint | tei:imprimatur">y</xsl:template>
  <!-- an element of another vocabulary standing as a block and holding TEI's blocks
       (CBETA's cb:div and cb:juan around heads and paragraphs) holds what its parent may:
       its paragraphs are paragraphs, not phrases run together (constructs/fallback) -->
  <xsl:template mode="is-flow" match="*[not(self::tei:*)][tei:p or tei:head or tei:lg or tei:div or tei:sp or tei:ab or tei:list or tei:table]
      [not(../text()[normalize-space(.) != ''])]"><xsl:apply-templates select=".." mode="is-flow"/></xsl:template>
  <!-- an inclusion editio does not make (constructs/fallback) holds what its parent may -->
  <xsl:template mode="is-flow" match="xi:include | xi:fallback"><xsl:apply-templates select=".." mode="is-flow"/></xsl:template>
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
  <!-- an addition or deletion of whole verse lines or paragraphs, standing between them
       (a line struck out, a stanza written in): HTML's ins and del take blocks where
       their parent does, so the lines stay lines -->
  <xsl:template mode="is-flow" match="tei:add | tei:del">
    <xsl:if test="tei:l | tei:lg | tei:p | tei:ab | tei:sp | tei:add[tei:l | tei:lg | tei:p | tei:ab] | tei:del[tei:l | tei:lg | tei:p | tei:ab]">
      <xsl:apply-templates select=".." mode="is-flow"/>
    </xsl:if>
  </xsl:template>
  <!-- the readings of an app standing between blocks take blocks, in the text -->
  <xsl:template mode="is-flow" match="tei:lem | tei:rdg">
    <xsl:apply-templates select="ancestor::tei:app[1]/.." mode="is-flow"/>
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
          or self::eg:egXML or self::tei:quote[contains(concat(' ', normalize-space(@rend), ' '), ' display ')
          or contains(concat(' ', normalize-space(@rend), ' '), ' block ')]]
          [count(ancestor::tei:note[not(@place = 'inline')]) = $depth]
          [count(ancestor::tei:note[@place = 'inline']) = $inline-depth]">y</xsl:if>
  </xsl:template>

  <!-- 'y' when a quotation (quote, q, said, cit) is rendered as a block. -->
  <xsl:template name="is-block">
    <xsl:choose>
      <!-- an inline note takes phrasing content only: its paragraphs are spans too -->
      <xsl:when test="ancestor::tei:note[@place = 'inline']"/>
      <!-- a quotation the source sets off as a block -->
      <xsl:when test="self::tei:quote[contains(concat(' ', normalize-space(@rend), ' '), ' display ')
          or contains(concat(' ', normalize-space(@rend), ' '), ' block ')]">y</xsl:when>
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

  <!-- The plural form a count takes in the document's language, as CLDR names them:
       'one', 'two', 'few' or 'other' (Russian "1 реплика, 22 реплики, 25 реплик"; Czech "1
       replika, 3 repliky, 5 replik"; Slovenian, with a dual, "1 replika, 2 repliki, 3
       replike, 5 replik"); labels give the 'two' and 'few' forms in rows of their own. -->
  <xsl:template name="plural-form">
    <xsl:param name="n"/>
    <xsl:variable name="d" select="$n mod 10"/>
    <xsl:variable name="h" select="$n mod 100"/>
    <xsl:choose>
      <xsl:when test="contains(' ru uk be sr hr bs ', concat(' ', $label-lang, ' '))">
        <xsl:choose>
          <xsl:when test="$d = 1 and $h != 11">one</xsl:when>
          <xsl:when test="$d &gt;= 2 and $d &lt;= 4 and not($h &gt;= 12 and $h &lt;= 14)">few</xsl:when>
          <xsl:otherwise>other</xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:when test="$label-lang = 'pl'">
        <xsl:choose>
          <xsl:when test="$n = 1">one</xsl:when>
          <xsl:when test="$d &gt;= 2 and $d &lt;= 4 and not($h &gt;= 12 and $h &lt;= 14)">few</xsl:when>
          <xsl:otherwise>other</xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:when test="$label-lang = 'cs' or $label-lang = 'sk'">
        <xsl:choose>
          <xsl:when test="$n = 1">one</xsl:when>
          <xsl:when test="$n &gt;= 2 and $n &lt;= 4">few</xsl:when>
          <xsl:otherwise>other</xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:when test="$label-lang = 'lt'">
        <xsl:choose>
          <xsl:when test="$d = 1 and not($h &gt;= 11 and $h &lt;= 19)">one</xsl:when>
          <xsl:when test="$d &gt;= 2 and not($h &gt;= 11 and $h &lt;= 19)">few</xsl:when>
          <xsl:otherwise>other</xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:when test="$label-lang = 'sl'">
        <xsl:choose>
          <xsl:when test="$h = 1">one</xsl:when>
          <xsl:when test="$h = 2">two</xsl:when>
          <xsl:when test="$h = 3 or $h = 4">few</xsl:when>
          <xsl:otherwise>other</xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:when test="$n = 1">one</xsl:when>
      <xsl:otherwise>other</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A fixed label in the language of the part it heads (the nearest xml:lang): the
       commentary on the English translation of a Dutch letter is "Commentary", an
       English abstract of a French article "Abstract", as journals and bilingual
       editions head them; the document's word when the table has none for that language. -->
  <xsl:template name="label-here">
    <xsl:param name="k"/>
    <xsl:variable name="declared" select="ancestor-or-self::*[@xml:lang][1]/@xml:lang"/>
    <xsl:variable name="tag"><xsl:if test="$declared"><xsl:call-template name="bcp47"><xsl:with-param name="v" select="$declared"/></xsl:call-template></xsl:if></xsl:variable>
    <xsl:variable name="own" select="$labels[@k = $k]/@*[local-name() = translate(substring-before(concat($tag, '-'), '-'),
        'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')]"/>
    <xsl:choose>
      <xsl:when test="$own"><xsl:value-of select="$own"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$L[@k = $k]"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

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
       German, "1878年12月18日" in Chinese and Japanese), YYYY-MM as "December 1878"
       ("1878年12月"), YYYY as given ("1878年" in Chinese and Japanese); anything else as given. -->
  <xsl:template name="readable-date">
    <xsl:param name="v" select="normalize-space(.)"/>
    <xsl:variable name="d" select="translate($v, '0123456789', '9999999999')"/>
    <xsl:variable name="m" select="$L[@k = concat('month-', number(substring($v, 6, 2)))]"/>
    <xsl:variable name="day" select="number(substring($v, 9, 2))"/>
    <xsl:choose>
      <xsl:when test="$d = '9999-99-99' and $m">
        <xsl:variable name="year" select="substring($v, 1, 4)"/>
        <xsl:choose>
          <!-- each language's order and marks: "18. Dezember 1878", "1878. december 18.",
               "1878 m. gruodžio 18 d.", "18 de diciembre de 1878", "18 d'agost de 1878",
               "1878年12月18日" (the month's number, no spaces), "18 בדצמבר 1878" -->
          <xsl:when test="$label-lang = 'zh' or $label-lang = 'ja'"><xsl:value-of select="concat($year, '年', number(substring($v, 6, 2)), '月', $day, '日')"/></xsl:when>
          <xsl:when test="$label-lang = 'he'"><xsl:value-of select="concat($day, ' ב', $m, ' ', $year)"/></xsl:when>
          <xsl:when test="$label-lang = 'hu'"><xsl:value-of select="concat($year, '. ', $m, ' ', $day, '.')"/></xsl:when>
          <xsl:when test="$label-lang = 'lt'"><xsl:value-of select="concat($year, ' m. ', $m, ' ', $day, ' d.')"/></xsl:when>
          <xsl:when test="$label-lang = 'es' or $label-lang = 'pt'"><xsl:value-of select="concat($day, ' de ', $m, ' de ', $year)"/></xsl:when>
          <xsl:when test="$label-lang = 'ca' and contains('aeiou', substring($m, 1, 1))"><xsl:value-of select="concat($day, ' d’', $m, ' de ', $year)"/></xsl:when>
          <xsl:when test="$label-lang = 'ca'"><xsl:value-of select="concat($day, ' de ', $m, ' de ', $year)"/></xsl:when>
          <xsl:when test="contains(' de cs sk no nb da fi sl hr sr ', concat(' ', $label-lang, ' '))"><xsl:value-of select="concat($day, '. ', $m, ' ', $year)"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="concat($day, ' ', $m, ' ', $year)"/></xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:when test="$d = '9999-99' and $m">
        <xsl:variable name="year" select="substring($v, 1, 4)"/>
        <xsl:variable name="alone" select="$labels[@k = concat('month-alone-', number(substring($v, 6, 2)))]/@*[local-name() = $label-lang]"/>
        <xsl:variable name="name">
          <xsl:choose>
            <xsl:when test="$alone"><xsl:value-of select="$alone"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="$m"/></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:choose>
          <xsl:when test="$label-lang = 'zh' or $label-lang = 'ja'"><xsl:value-of select="concat($year, '年', number(substring($v, 6, 2)), '月')"/></xsl:when>
          <xsl:when test="$label-lang = 'hu'"><xsl:value-of select="concat($year, '. ', $name)"/></xsl:when>
          <xsl:when test="$label-lang = 'lt'"><xsl:value-of select="concat($year, ' m. ', $name)"/></xsl:when>
          <xsl:when test="$label-lang = 'es' or $label-lang = 'pt' or $label-lang = 'ca'"><xsl:value-of select="concat($name, ' de ', $year)"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="concat($name, ' ', $year)"/></xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:when test="$d = '9999' and ($label-lang = 'zh' or $label-lang = 'ja')"><xsl:value-of select="concat($v, '年')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$v"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- JSON string content: backslash, quote, and the characters that could end a script element. -->
  <xsl:template name="json-escape">
    <xsl:param name="s"/>
    <xsl:value-of select="str:replace(str:replace(str:replace(str:replace(normalize-space($s),
        '\', '\\'), '&quot;', '\&quot;'), '&lt;', '\u003c'), '&amp;', '\u0026')"/>
  </xsl:template>

  <xsl:template name="plain-of">
    <xsl:param name="node"/>
    <xsl:variable name="t"><xsl:apply-templates select="$node" mode="plain"/></xsl:variable>
    <xsl:value-of select="normalize-space($t)"/>
  </xsl:template>

  <!-- An element's parts as plain text, as written; parts the source put side by side,
       with nothing or only white space between them, get a comma: a bibl ("Gewerbuch D
       1438-1473, 811993", not "…1473811993"), a register entry's birth or death ("Hove, East
       Sussex, Great Britain"). Notes are left out. -->
  <xsl:template name="parts-as-written">
    <xsl:variable name="t">
      <!-- (the encoder's comments are no parts: "<!- - Pages where poem is found - ->") -->
      <!-- (nor are the dates a play's source gives of the work itself, its writing and its
           first performance: DraCor's date type="premiere") -->
      <xsl:for-each select="(* | text())[not(self::tei:note or self::tei:date[@type = 'premiere' or @type = 'written' or @type = 'performance'])]">
        <!-- (a part without words, an empty relatedItem, and the notes left out part nothing:
             "…Duke University," ended a source line) -->
        <xsl:if test="self::* and normalize-space(.) != '' and (preceding-sibling::node()[not(self::comment() or self::processing-instruction() or self::tei:note)][not(self::text()[normalize-space(.) = ''])][1])[self::*][normalize-space(.) != '']"><xsl:text>, </xsl:text></xsl:if>
        <xsl:choose>
          <!-- (a source inside a source, DraCor's digital source holding the printed one: its
               parts are parts too; a date that holds a paragraph of its history, "Впервые — в
               газете «Новое время», 1888, …", is cited by its year; a licence by its name) -->
          <xsl:when test="self::tei:bibl"><xsl:call-template name="parts-as-written"/></xsl:when>
          <xsl:when test="self::tei:date[normalize-space(@when) != ''][string-length(normalize-space(.)) &gt; 60]">
            <xsl:value-of select="substring(normalize-space(@when), 1, 4)"/>
          </xsl:when>
          <xsl:when test="self::tei:availability[tei:licence]">
            <xsl:for-each select="tei:licence">
              <xsl:if test="position() &gt; 1"><xsl:text>, </xsl:text></xsl:if>
              <xsl:call-template name="licence-text"/>
            </xsl:for-each>
          </xsl:when>
          <xsl:when test="self::*"><xsl:call-template name="plain-of"><xsl:with-param name="node" select="."/></xsl:call-template></xsl:when>
          <xsl:when test="normalize-space(.) = '' and preceding-sibling::*[1] and following-sibling::*[1]"/>
          <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </xsl:variable>
    <xsl:value-of select="normalize-space($t)"/>
  </xsl:template>

  <!-- A usable href from a TEI pointer: '#id' when it resolves, http(s) and mailto
       addresses as given, else '' (a relative file name would point outside the edition;
       other schemes are no address a reader can follow, and editio.hub.links refuses them). -->
  <xsl:template name="href-of">
    <xsl:param name="p"/>
    <xsl:choose>
      <xsl:when test="starts-with($p, '#')">
        <!-- every xml:id of the document is an id of the hub -->
        <xsl:if test="key('id', substring($p, 2))">
          <xsl:value-of select="$p"/>
        </xsl:if>
      </xsl:when>
      <xsl:when test="starts-with($p, 'http://') or starts-with($p, 'https://') or starts-with($p, 'mailto:')">
        <xsl:value-of select="$p"/>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- Text: one rule for every text node, asking each construct in turn. (A match pattern
       with a predicate on text() makes libxslt count the node's siblings each time it
       tests one, which is quadratic in a paragraph of thousands of notes, line breaks or
       highlights; a plain text() pattern costs nothing.) In order of precedence: -->
  <xsl:template match="text()">
    <xsl:choose>
      <!-- quotation: the source link after the closing mark of a quotation with @source -->
      <xsl:when test="(preceding-sibling::node()[1])[self::tei:quote or self::tei:q or self::tei:said][@source]">
        <xsl:call-template name="text-after-quotation"/>
      </xsl:when>
      <!-- transcription: white space at a line break inside a word, and in speaker labels and cast lists -->
      <xsl:when test="(preceding-sibling::node()[1])[self::tei:lb] or (following-sibling::node()[1])[self::tei:lb]
          or parent::tei:speaker or parent::tei:role or parent::tei:roleDesc or parent::tei:castItem">
        <xsl:call-template name="text-at-line-break"/>
      </xsl:when>
      <!-- verse: punctuation after a line is set at the line's end -->
      <xsl:when test="(preceding-sibling::node()[1])[self::tei:l] and normalize-space(.) != ''
          and translate(normalize-space(.), ',.;:!?—–-)]’”»', '') = ''"/>
      <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Known phrase-level elements without a special rendering. -->
  <xsl:template match="tei:seg | tei:num | tei:measure | tei:measureGrp | tei:unit | tei:am | tei:c | tei:w | tei:pc
      | tei:s | tei:phr | tei:cl | tei:m | tei:email | tei:addrLine | tei:street | tei:postCode | tei:postBox | tei:affiliation
      | tei:lang | tei:locus[not(ancestor::tei:text) or ancestor::tei:msDesc or ancestor::tei:bibl or ancestor::tei:note] | tei:locusGrp | tei:desc | tei:label | tei:handShift | tei:span | tei:orig | tei:reg
      | tei:occupation | tei:nationality | tei:education | tei:residence | tei:birth | tei:death | tei:floruit | tei:faith | tei:sex | tei:age | tei:state | tei:trait | tei:idno | tei:location | tei:geo | tei:objectName | tei:catchwords | tei:signatures | tei:secFol | tei:material | tei:dimensions | tei:height | tei:width | tei:depth | tei:repository | tei:collection | tei:msName | tei:institution | tei:origDate | tei:origPlace | tei:incipit | tei:explicit | tei:rubric | tei:finalRubric | tei:colophon | tei:textLang | tei:filiation | tei:watermark | tei:stamp | tei:metamark | tei:mod | tei:redo | tei:undo | tei:retrace | tei:listRef | tei:altIdentifier | tei:msIdentifier
      | tei:dim | tei:objectType | tei:wit | tei:witDetail | tei:persona">
    <xsl:variable name="flow"><xsl:apply-templates select=".." mode="is-flow"/></xsl:variable>
    <span class="{local-name()}">
      <xsl:call-template name="atts"/>
      <xsl:if test="@type"><xsl:attribute name="data-type"><xsl:value-of select="@type"/></xsl:attribute></xsl:if>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- The dimensions of a manuscript or an object: "329 × 230 mm", the unit said once when
       the measures share it (each measure's own @unit wins over the dimensions'), a measure
       given only as @quantity printed as that (an empty one, nothing). Its parts were printed
       as "329 230". -->
  <xsl:template match="tei:dimensions[*[self::tei:height or self::tei:width or self::tei:depth or self::tei:dim][normalize-space(.) != '' or @quantity]]">
    <span class="dimensions">
      <xsl:call-template name="atts"/>
      <xsl:if test="@type"><xsl:attribute name="data-type"><xsl:value-of select="@type"/></xsl:attribute></xsl:if>
      <xsl:for-each select="(tei:height | tei:width | tei:depth | tei:dim)[normalize-space(.) != '' or @quantity]">
        <xsl:variable name="unit" select="normalize-space((../@unit | @unit)[last()])"/>
        <xsl:variable name="next" select="following-sibling::*[self::tei:height or self::tei:width or self::tei:depth or self::tei:dim][normalize-space(.) != '' or @quantity][1]"/>
        <xsl:if test="position() > 1"><xsl:text> × </xsl:text></xsl:if>
        <span class="{local-name()}">
          <xsl:choose>
            <xsl:when test="normalize-space(.) != ''"><xsl:apply-templates/></xsl:when>
            <xsl:otherwise><xsl:value-of select="normalize-space(@quantity)"/></xsl:otherwise>
          </xsl:choose>
        </span>
        <xsl:if test="$unit != '' and not($next and normalize-space(($next/../@unit | $next/@unit)[last()]) = $unit)">
          <xsl:value-of select="concat(' ', $unit)"/>
        </xsl:if>
      </xsl:for-each>
    </span>
  </xsl:template>

  <!-- (as plain text too, a manuscript's extent in its description: "23丁, 234 × 170 mm",
       not "23丁234170") -->
  <xsl:template match="tei:dimensions[*[self::tei:height or self::tei:width or self::tei:depth or self::tei:dim][normalize-space(.) != '' or @quantity]]" mode="plain">
    <xsl:if test="preceding-sibling::node()[not(self::text()[normalize-space(.) = ''])][1][self::text()]
                  and not(contains(',;:(', substring(normalize-space(preceding-sibling::text()[1]), string-length(normalize-space(preceding-sibling::text()[1])))))">
      <xsl:text>, </xsl:text>
    </xsl:if>
    <xsl:variable name="measured"><xsl:apply-templates select="."/></xsl:variable>
    <xsl:value-of select="normalize-space($measured)"/>
  </xsl:template>

  <!-- A folio of a witness marked in the running text (locus target="CB1">202a, where an
       Arabic edition notes where each manuscript's leaf begins) is the editor's reference,
       set apart in brackets: "بدليل 202a سوء" read the folio as a word of the author. -->
  <xsl:template match="tei:text//tei:locus[not(ancestor::tei:msDesc or ancestor::tei:bibl or ancestor::tei:note)]">
    <xsl:variable name="where" select="normalize-space(.)"/>
    <span class="locus editorial">
      <xsl:call-template name="atts"/>
      <xsl:if test="normalize-space(@target) != ''"><xsl:attribute name="title"><xsl:value-of select="normalize-space(translate(@target, '#', ''))"/></xsl:attribute></xsl:if>
      <xsl:text>[</xsl:text>
      <xsl:choose>
        <xsl:when test="$where != ''"><xsl:apply-templates/></xsl:when>
        <xsl:otherwise><xsl:value-of select="normalize-space(concat(@from, substring('–', 1, number(@from and @to)), @to))"/></xsl:otherwise>
      </xsl:choose>
      <xsl:text>]</xsl:text>
    </span>
  </xsl:template>

  <!-- Larger known containers without a special rendering (manuscript descriptions...). -->
  <xsl:template match="tei:address | tei:msDesc | tei:msContents | tei:msItem | tei:msItemStruct | tei:physDesc | tei:objectDesc
      | tei:supportDesc | tei:support | tei:extent | tei:foliation | tei:collation | tei:condition | tei:layoutDesc
      | tei:layout | tei:handDesc | tei:handNote | tei:decoDesc | tei:decoNote | tei:additions | tei:bindingDesc | tei:binding
      | tei:accMat | tei:history | tei:origin | tei:provenance | tei:acquisition | tei:additional | tei:adminInfo
      | tei:recordHist | tei:source | tei:custodialHist | tei:custEvent | tei:surrogates | tei:msPart | tei:msFrag
      | tei:sealDesc | tei:seal | tei:scriptDesc | tei:scriptNote | tei:typeDesc | tei:typeNote | tei:musicNotation
      | tei:availability | tei:licence | tei:event | tei:listEvent | tei:relation | tei:listRelation | tei:spGrp | tei:letter | tei:docEdition">
    <xsl:variable name="flow"><xsl:apply-templates select=".." mode="is-flow"/></xsl:variable>
    <xsl:element name="{substring('spandiv', 1 + 4 * ($flow = 'y'), 4 - ($flow = 'y'))}">
      <xsl:attribute name="class"><xsl:value-of select="local-name()"/></xsl:attribute>
      <xsl:call-template name="atts"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- A space when the text just before this element ends in a letter, digit or closing
       punctuation (text the hub adds here would otherwise be glued to it). -->
  <xsl:template name="space-before">
    <xsl:variable name="t" select="(preceding-sibling::node()[1]/descendant-or-self::text())[last()]"/>
    <xsl:variable name="c" select="substring($t, string-length($t))"/>
    <xsl:if test="$c != '' and normalize-space($c) != '' and not(contains('([{“‘«„‚‹/–—-&#x2060;', $c))">
      <xsl:text> </xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- Where an element is, for a warning: its position among its parent's elements at
       each level from the root ("1.2.5"). editio reads it back to name the element's line
       and column in the TEI (libxslt cannot tell a message's place). -->
  <xsl:template name="element-path">
    <xsl:for-each select="ancestor-or-self::*[parent::*]">
      <xsl:if test="position() &gt; 1">.</xsl:if>
      <xsl:value-of select="count(preceding-sibling::*) + 1"/>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>
